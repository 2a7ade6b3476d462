// The payments' part of the SQLite journal (issue 9): two tables beside `orders`, written in
// SqliteJournal's transaction and read back by its Load.
//
//   payments        one row per order that has a payment (the provider's intent), its latest state
//   payment_events  one row per provider event applied, with what it did: the durable record
//                   that makes a redelivered webhook a no-op after a restart, and an audit trail
//
// The tables are created if missing, so an older journal opens as it is. Used by SqliteJournal's
// thread alone.
#pragma once

#include <memory>

#include "common/status.h"
#include "engine/payment_ledger.h"
#include "store/sqlite.h"

namespace tix::store {

class PaymentTables {
  public:
    // Creates the tables if missing and prepares the statements.
    static Result<PaymentTables> Open(Database& db);

    // Upserts every payment (later snapshots replace earlier ones) and inserts every event.
    // REQUIRES: inside the caller's transaction.
    Status Append(const engine::PaymentChanges& changes);
    // Every payment, ascending order id, and the ids of the events applied.
    Status Load(engine::PaymentSnapshot& snapshot);

  private:
    explicit PaymentTables(Database& db) : db_(&db) {}
    Status Prepare();
    Status LoadPayments(engine::PaymentSnapshot& snapshot);

    Database* db_;
    std::unique_ptr<Statement> upsert_payment_;
    std::unique_ptr<Statement> insert_event_;
};

}  // namespace tix::store
