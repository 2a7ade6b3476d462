// The tickets' part of the SQLite journal (issue 10): two tables beside `orders`, written in
// SqliteJournal's transaction and read back by its Load.
//
//   tickets       one row per ticket, its latest state, keyed by its order of issue (appends at
//                 the end of the table's B-tree; the random ticket id is only a column)
//   ticket_scans  one row per scan kept (admissions and double entries), appended
//
// The tables are created if missing, so an older journal opens as it is. Used by SqliteJournal's
// thread alone.
#pragma once

#include <memory>

#include "common/status.h"
#include "engine/ticket_book.h"
#include "store/sqlite.h"

namespace tix::store {

class TicketTables {
  public:
    // Creates the tables if missing and prepares the statements.
    static Result<TicketTables> Open(Database& db);

    // Upserts every ticket (later snapshots replace earlier ones) and inserts every scan.
    // REQUIRES: inside the caller's transaction.
    Status Append(const engine::TicketChanges& changes);
    // Every ticket, ascending issue_seq, and every scan.
    Status Load(engine::TicketSnapshot& snapshot);

  private:
    explicit TicketTables(Database& db) : db_(&db) {}
    Status Prepare();
    Status LoadTickets(engine::TicketSnapshot& snapshot);
    Status LoadScans(engine::TicketSnapshot& snapshot);

    Database* db_;
    std::unique_ptr<Statement> upsert_ticket_;
    std::unique_ptr<Statement> insert_scan_;
};

}  // namespace tix::store
