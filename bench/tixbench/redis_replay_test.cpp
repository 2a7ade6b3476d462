// The Redis replay against a throw-away redis-server (bench/alternatives/local_servers.sh): every
// planned bid sent once, one member per bidder, the top K read while it runs. Skipped without
// redis-server.
#include "redis_replay.h"

#include <gtest/gtest.h>

#include "local_servers.h"

namespace tix::bench {
namespace {

RedisReplayPlan SmallPlan(int port) {
    RedisReplayPlan plan{
        .label = "redis-zset-test",
        .durability = "test",
        .server = {boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)},
        .connections = 7,
        .key = "tixbench:test"};
    for (std::uint32_t bidder = 0; bidder < 50; ++bidder) {
        plan.bids.push_back(bidder % 4);  // 0..3 bids: a quarter never bid
        plan.members.push_back(1'000 + bidder);
    }
    return plan;
}

TEST(RedisReplay, SendsEveryPlannedBidOnceAndRanksEachBidderOnce) {
    if (!LocalServers::RedisInstalled()) GTEST_SKIP() << "redis-server is not installed";
    LocalServers servers(TIX_LOCAL_SERVERS_SCRIPT);
    const auto port = servers.StartRedis(/*fsync_always=*/false);
    ASSERT_TRUE(port.has_value());
    const RedisReplayPlan plan = SmallPlan(*port);
    const RedisReplayFigures figures = RunRedisReplay(plan);
    EXPECT_EQ(figures.errors, 0u);
    EXPECT_EQ(figures.bids, 0u + 12 * (0 + 1 + 2 + 3) + (0 + 1));  // bidders 48, 49: 0 and 1
    EXPECT_EQ(figures.latency.count(), figures.bids);
    EXPECT_EQ(figures.members, 37);  // every bidder with a bid
    EXPECT_GT(figures.bids_per_s(), 0);
}

TEST(RedisReplay, AServerThatIsNotThereIsAnErrorNotAHang) {
    RedisReplayPlan plan = SmallPlan(1);  // nothing listens on port 1
    const RedisReplayFigures figures = RunRedisReplay(plan);
    EXPECT_EQ(figures.bids, 0u);
    EXPECT_GT(figures.errors, 0u);
    EXPECT_EQ(figures.members, -1);
}

}  // namespace
}  // namespace tix::bench
