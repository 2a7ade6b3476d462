// Shared by the store's tests: a journal reopened from its file and loaded, as tixd starts.
// Tests only.
#pragma once

#include <gtest/gtest.h>

#include <string>

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

}  // namespace tix::store::test
