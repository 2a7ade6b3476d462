#include "user_pool.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

TEST(UserPool, OnceGivesEveryUserExactlyOneTurn) {
    UserPool pool(UserPool::Mode::kOnce, 3);
    EXPECT_EQ(pool.Acquire(), 0u);
    EXPECT_EQ(pool.Acquire(), 1u);
    pool.Release(1);  // no second turn in this mode
    EXPECT_EQ(pool.Acquire(), 2u);
    EXPECT_EQ(pool.Acquire(), std::nullopt);
}

TEST(UserPool, RoundRobinCyclesAndSkipsBusyUsers) {
    UserPool pool(UserPool::Mode::kRoundRobin, 3);
    EXPECT_EQ(pool.Acquire(), 0u);
    EXPECT_EQ(pool.Acquire(), 1u);
    pool.Release(0);
    EXPECT_EQ(pool.Acquire(), 2u);
    EXPECT_EQ(pool.Acquire(), 0u);            // 1 is still busy, so 0 comes round again
    EXPECT_EQ(pool.Acquire(), std::nullopt);  // all three busy
    pool.Release(1);
    EXPECT_EQ(pool.Acquire(), 1u);
}

}  // namespace
}  // namespace tix::bench
