// The waiting rooms' part of the SQLite journal (issue 8): three tables beside `events` and
// `orders`, written in SqliteJournal's transaction and read back by its Load.
//
//   queue_rooms       one row per room, its latest record (config with the seed, drawn, pacing)
//   queue_entries     one row per entry (event_id, entry_id), its latest state
//   queue_challenges  one row per challenge used by a join, kept until the room forgets it
//
// The tables are created if missing, so a journal made before waiting rooms opens as it is.
// Used by SqliteJournal's thread alone.
#pragma once

#include <memory>
#include <vector>

#include "common/status.h"
#include "engine/queue_records.h"
#include "store/sqlite.h"

namespace tix::store {

class QueueTables {
  public:
    // Creates the tables if missing and prepares the statements.
    static Result<QueueTables> Open(Database& db);

    // Upserts every record, in order (later records of a room or entry replace earlier ones).
    // REQUIRES: inside the caller's transaction.
    Status Append(const engine::QueueChanges& changes);
    // Every room, ascending event id, with its entries ascending and its challenges.
    Status Load(std::vector<engine::QueueSnapshot>& rooms);

  private:
    explicit QueueTables(Database& db) : db_(&db) {}
    Status Prepare();
    Status LoadEntries(std::vector<engine::QueueSnapshot>& rooms);
    Status LoadChallenges(std::vector<engine::QueueSnapshot>& rooms);

    Database* db_;
    std::unique_ptr<Statement> upsert_room_;
    std::unique_ptr<Statement> upsert_entry_;
    std::unique_ptr<Statement> upsert_challenge_;
};

}  // namespace tix::store
