// The embedded durability store: engine::Journal on SQLite (WAL, synchronous=FULL). Each Append
// is one transaction, so a group commit costs one fsync however many changes it carries. Events
// and orders have their tables here; the waiting rooms' are in queue_tables.h, the payments' in
// payment_tables.h, the tickets' in ticket_tables.h, the bidding's in bidding_tables.h.
// Used by one thread at a time (the sequencer's writer).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "engine/journal.h"
#include "store/bidding_tables.h"
#include "store/payment_tables.h"
#include "store/queue_tables.h"
#include "store/sqlite.h"
#include "store/ticket_tables.h"

namespace tix::store {

class SqliteJournal final : public engine::Journal {
  public:
    // Opens or creates the database file and its schema.
    static Result<std::unique_ptr<SqliteJournal>> Open(const std::string& path);

    Status Append(const engine::JournalBatch& batch) override;
    Status Load(engine::RecoveredState& state) override;

  private:
    explicit SqliteJournal(std::unique_ptr<Database> db) : db_(std::move(db)) {}
    Status Prepare();
    Status AppendInTransaction(const engine::JournalBatch& batch);
    Status CheckpointWal();

    std::unique_ptr<Database> db_;
    std::unique_ptr<Statement> insert_event_;
    std::unique_ptr<Statement> upsert_order_;
    std::optional<QueueTables> queues_;      // set by Open
    std::optional<PaymentTables> payments_;  // set by Open
    std::optional<TicketTables> tickets_;    // set by Open
    std::optional<BiddingTables> bidding_;   // set by Open
};

}  // namespace tix::store
