#include "app/open_file_limit.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include "http/server.h"

namespace tix::app {
namespace {

constexpr unsigned kThreads = 4;
constexpr std::uint64_t kOtherDescriptors =
    kReservedDescriptors + kDescriptorsPerIoThread * kThreads + http::kRejectingConnectionsMax;

TEST(ConnectionCap, IsTheServerMaximumWhenTheLimitIsAmple) {
    EXPECT_EQ(ConnectionCapFor(1'048'576, kThreads), http::kConnectionsMax);
    EXPECT_EQ(ConnectionCapFor(http::kConnectionsMax + kOtherDescriptors, kThreads),
              http::kConnectionsMax);
}

TEST(ConnectionCap, LeavesRoomForEverythingElseBelowALowLimit) {
    EXPECT_EQ(ConnectionCapFor(1'024, kThreads), 1'024 - kOtherDescriptors);
    EXPECT_EQ(ConnectionCapFor(http::kConnectionsMax + kOtherDescriptors - 1, kThreads),
              http::kConnectionsMax - 1);
    // More IO threads, fewer connections.
    EXPECT_EQ(ConnectionCapFor(1'024, kThreads + 1),
              1'024 - kOtherDescriptors - kDescriptorsPerIoThread);
}

TEST(ConnectionCap, IsZeroWhenTheLimitLeavesNoRoom) {
    EXPECT_EQ(ConnectionCapFor(kOtherDescriptors + 1, kThreads), 1u);
    EXPECT_EQ(ConnectionCapFor(kOtherDescriptors, kThreads), 0u);
    EXPECT_EQ(ConnectionCapFor(0, kThreads), 0u);
}

// Restores the test process's open-file limit when the test ends.
class SavedOpenFileLimit {
  public:
    SavedOpenFileLimit() { ::getrlimit(RLIMIT_NOFILE, &saved_); }
    ~SavedOpenFileLimit() { ::setrlimit(RLIMIT_NOFILE, &saved_); }
    const rlimit& saved() const { return saved_; }

  private:
    rlimit saved_{};
};

TEST(OpenFileLimit, SoftLimitIsRaisedToTheHardLimit) {
    const SavedOpenFileLimit saved;
    const rlim_t hard = saved.saved().rlim_max;
    const rlim_t low = std::min<rlim_t>(256, hard);
    rlimit lowered{low, hard};
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);

    const Result<OpenFileLimit> limit = RaiseOpenFileLimit();
    ASSERT_TRUE(limit.ok()) << limit.status().ToString();
    EXPECT_EQ(limit->before, low);
    EXPECT_EQ(limit->now, hard);
    rlimit in_force{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &in_force), 0);
    EXPECT_EQ(in_force.rlim_cur, hard);
}

}  // namespace
}  // namespace tix::app
