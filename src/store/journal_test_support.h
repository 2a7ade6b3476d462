// Shared by the store's tests: a journal reopened from its file and loaded, as tixd starts, and
// one loaded after damage.
// Tests only.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "store/sqlite.h"
#include "store/sqlite_journal.h"

namespace tix::store::test {

// Opens the journal at `path` and loads it; adds a test failure if either fails.
inline engine::RecoveredState Reload(const std::string& path) {
    engine::RecoveredState state;
    auto journal = SqliteJournal::Open(path);
    EXPECT_TRUE(journal.ok()) << journal.status().ToString();
    if (!journal.ok()) return state;
    const Status status = (*journal)->Load(state);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return state;
}

// Appends `batch` to a new journal at `path`, damages the file with `sql` (foreign keys off, as
// a hand edit or a bad disk would), reopens it and returns what its Load says.
inline Status LoadDamaged(const std::string& path, const engine::JournalBatch& batch,
                          std::string_view sql) {
    {
        auto journal = SqliteJournal::Open(path);
        if (!journal.ok()) return journal.status();
        if (Status status = (*journal)->Append(batch); !status.ok()) return status;
        auto db = Database::Open(path);
        if (!db.ok()) return db.status();
        if (Status status = (*db)->Exec("PRAGMA foreign_keys=OFF"); !status.ok()) return status;
        if (Status status = (*db)->Exec(sql); !status.ok()) return status;
    }
    auto journal = SqliteJournal::Open(path);
    if (!journal.ok()) return journal.status();
    engine::RecoveredState state;
    return (*journal)->Load(state);
}

}  // namespace tix::store::test
