#include "app/data_dir_lock.h"

#include <gtest/gtest.h>

#include "common/temp_dir.h"

namespace tix::app {
namespace {

TEST(DataDirLock, SecondHolderIsRefusedUntilTheFirstLetsGo) {
    TempDir dir;
    {
        auto first = DataDirLock::Acquire(dir.path().string());
        ASSERT_TRUE(first.ok()) << first.status().ToString();
        auto second = DataDirLock::Acquire(dir.path().string());
        ASSERT_FALSE(second.ok());
        EXPECT_EQ(second.status().code(), Status::Code::kAlreadyExists);
    }
    EXPECT_TRUE(DataDirLock::Acquire(dir.path().string()).ok());
}

TEST(DataDirLock, MissingDirectoryIsAnIoError) {
    EXPECT_EQ(DataDirLock::Acquire("/nonexistent/tix/dir").status().code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace tix::app
