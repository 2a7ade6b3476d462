#include "scenario.h"

#include <gtest/gtest.h>

#include <set>

#include "user_cursor.h"

namespace tix::bench {
namespace {

TEST(Scenario, DomeHasTheSixZonesInZipfOrder) {
    const auto dome = ScenarioNamed("dome");
    ASSERT_TRUE(dome);
    ASSERT_EQ(dome->zones.size(), 6u);
    EXPECT_EQ(dome->zones[0].name, "INF1");
    EXPECT_EQ(dome->TotalCapacity(), 45'000);
    EXPECT_FALSE(dome->timed);
    EXPECT_EQ(dome->default_connections, 1000u);
    EXPECT_EQ(dome->default_users, 200'000u);
}

TEST(Scenario, ChurnNeverSellsOutAndMostlyCancels) {
    const auto churn = ScenarioNamed("churn");
    ASSERT_TRUE(churn);
    EXPECT_EQ(churn->TotalCapacity(), 2'000'000);
    EXPECT_TRUE(churn->timed);
    EXPECT_DOUBLE_EQ(churn->shape.confirm_share, 0.2);
    EXPECT_DOUBLE_EQ(churn->shape.cancel_share, 0.7);
    EXPECT_EQ(churn->default_duration_s, 20);
}

TEST(Scenario, HotRowIsOneZoneOfAThousand) {
    const auto hot_row = ScenarioNamed("hot-row");
    ASSERT_TRUE(hot_row);
    ASSERT_EQ(hot_row->zones.size(), 1u);
    EXPECT_EQ(hot_row->TotalCapacity(), 1000);
    EXPECT_EQ(hot_row->default_users, 20'000u);
}

TEST(Scenario, UnknownNameIsRefused) {
    EXPECT_FALSE(ScenarioNamed("Dome"));
    EXPECT_FALSE(ScenarioNamed(""));
}

TEST(UserCursor, OnceHandsEveryUserOutExactlyOnceAcrossConnections) {
    std::atomic<std::uint64_t> next{0};
    UserCursor a = UserCursor::Once(next, 5), b = UserCursor::Once(next, 5);
    std::multiset<std::uint64_t> seen;
    for (int i = 0; i < 4; ++i) {
        if (auto user = a.Next()) seen.insert(*user);
        if (auto user = b.Next()) seen.insert(*user);
    }
    EXPECT_EQ(seen, (std::multiset<std::uint64_t>{0, 1, 2, 3, 4}));
    EXPECT_FALSE(a.Next());
}

TEST(UserCursor, RoundRobinKeepsEachUserOnOneConnectionAndWraps) {
    UserCursor second = UserCursor::RoundRobin(1, 3, 8);  // users 1, 4, 7
    EXPECT_EQ(second.Next(), 1u);
    EXPECT_EQ(second.Next(), 4u);
    EXPECT_EQ(second.Next(), 7u);
    EXPECT_EQ(second.Next(), 1u);
}

TEST(UserCursor, RoundRobinWithMoreConnectionsThanUsersLeavesSomeIdle) {
    UserCursor idle = UserCursor::RoundRobin(3, 4, 3);
    EXPECT_FALSE(idle.Next());
    UserCursor busy = UserCursor::RoundRobin(2, 4, 3);
    EXPECT_EQ(busy.Next(), 2u);
    EXPECT_EQ(busy.Next(), 2u);
}

}  // namespace
}  // namespace tix::bench
