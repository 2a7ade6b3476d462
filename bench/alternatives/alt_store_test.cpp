// Black-box tests of each alternative against a real server of its own on 127.0.0.1: the stock
// and per-user rules hold one request at a time and under a concurrent run.
#include <gtest/gtest.h>

#include <memory>

#include "closed_loop_run.h"
#include "ledger.h"
#include "local_servers.h"
#include "postgres_store.h"
#include "redis_lua_store.h"

namespace tix::bench {
namespace {

enum class System { kRedisFsync, kRedisNoPersistence, kPostgresUpdate, kPostgresForUpdate };

std::string NameOf(System system) {
    switch (system) {
        case System::kRedisFsync:
            return "RedisLuaFsync";
        case System::kRedisNoPersistence:
            return "RedisLuaNoPersistence";
        case System::kPostgresUpdate:
            return "PostgresUpdate";
        case System::kPostgresForUpdate:
            return "PostgresForUpdate";
    }
    return "unknown";
}

bool IsRedis(System system) {
    return system == System::kRedisFsync || system == System::kRedisNoPersistence;
}

constexpr std::uint32_t kTenZone = 0;  // 10 tickets
constexpr std::uint32_t kBigZone = 1;  // plenty
constexpr std::uint64_t kUsers = 50;

Scenario SmallScenario() {
    Scenario scenario;
    scenario.name = "small";
    scenario.zones = {{"TEN", 10}, {"BIG", 1000}};
    return scenario;
}

class AltStoreTest : public testing::TestWithParam<System> {
  protected:
    void SetUp() override {
        const System system = GetParam();
        if (IsRedis(system) ? !LocalServers::RedisInstalled()
                            : !LocalServers::PostgresInstalled()) {
            GTEST_SKIP() << "server binaries not installed";
        }
        if (IsRedis(system)) {
            const auto port = servers_.StartRedis(system == System::kRedisFsync);
            ASSERT_TRUE(port) << "redis-server did not start";
            store_ = std::make_unique<RedisLuaStore>("127.0.0.1", *port);
        } else {
            const auto port = servers_.StartPostgres();
            ASSERT_TRUE(port) << "postgres did not start";
            store_ = std::make_unique<PostgresStore>(
                "host=127.0.0.1 user=postgres dbname=postgres port=" + std::to_string(*port),
                system == System::kPostgresUpdate ? PostgresVariant::kConditionalUpdate
                                                  : PostgresVariant::kSelectForUpdate);
        }
        ASSERT_EQ(store_->Setup(SmallScenario(), kUsers), "");
        auto connection = store_->Connect();
        ASSERT_TRUE(connection.ok()) << connection.error;
        connection_ = std::move(*connection.value);
    }

    HoldRef Hold(std::uint64_t user, std::uint32_t zone, std::uint32_t quantity,
                 StoreOutcome expected) {
        const HoldReply reply = connection_->Hold(user, zone, quantity);
        EXPECT_EQ(reply.outcome, expected) << connection_->last_error();
        return {.hold_id = reply.hold_id, .user = user, .zone = zone, .quantity = quantity};
    }

    StoreSnapshot Snapshot() {
        auto snapshot = store_->Snapshot(SmallScenario(), kUsers);
        EXPECT_TRUE(snapshot.ok()) << snapshot.error;
        return snapshot.ok() ? *snapshot.value : StoreSnapshot{};
    }

    LocalServers servers_{TIX_ALT_LOCAL_SERVERS};
    std::unique_ptr<AltStore> store_;
    std::unique_ptr<AltConnection> connection_;
};

TEST_P(AltStoreTest, TenTicketZoneNeverSellsEleven) {
    Hold(0, kTenZone, 8, StoreOutcome::kHeld);
    Hold(1, kTenZone, 3, StoreOutcome::kSoldOut);  // 11 of 10
    Hold(1, kTenZone, 2, StoreOutcome::kHeld);
    Hold(2, kTenZone, 1, StoreOutcome::kSoldOut);
    EXPECT_EQ(Snapshot().zone_taken, (std::vector<std::int64_t>{10, 0}));
}

TEST_P(AltStoreTest, UserLimitIsEightTicketsHeldOrPaid) {
    const HoldRef first = Hold(3, kBigZone, 5, StoreOutcome::kHeld);
    EXPECT_EQ(connection_->Confirm(first), StoreOutcome::kDone);
    Hold(3, kBigZone, 4, StoreOutcome::kLimitExceeded);  // 9 = limit + 1
    Hold(3, kBigZone, 3, StoreOutcome::kHeld);
    Hold(3, kTenZone, 1, StoreOutcome::kLimitExceeded);  // the limit is per event, not per zone
    Hold(4, kBigZone, 9, StoreOutcome::kLimitExceeded);  // too many in one go
    const StoreSnapshot snapshot = Snapshot();
    EXPECT_EQ(snapshot.zone_taken, (std::vector<std::int64_t>{0, 8}));
    EXPECT_EQ(snapshot.user_tickets.at(3), 8);
    EXPECT_FALSE(snapshot.user_tickets.contains(4) && snapshot.user_tickets.at(4) != 0);
}

TEST_P(AltStoreTest, CancelReturnsStockAndTheUsersCount) {
    const HoldRef hold = Hold(5, kTenZone, 8, StoreOutcome::kHeld);
    Hold(6, kTenZone, 3, StoreOutcome::kSoldOut);
    EXPECT_EQ(connection_->Cancel(hold), StoreOutcome::kDone);
    EXPECT_EQ(connection_->Cancel(hold), StoreOutcome::kNotHeld);
    Hold(6, kTenZone, 3, StoreOutcome::kHeld);
    Hold(5, kTenZone, 7, StoreOutcome::kHeld);  // the 8 cancelled no longer count against user 5
    const StoreSnapshot snapshot = Snapshot();
    EXPECT_EQ(snapshot.zone_taken, (std::vector<std::int64_t>{10, 0}));
    EXPECT_EQ(snapshot.user_tickets.at(5), 7);
}

TEST_P(AltStoreTest, PaidHoldCannotBeCancelledOrPaidTwice) {
    const HoldRef hold = Hold(7, kTenZone, 2, StoreOutcome::kHeld);
    EXPECT_EQ(connection_->Confirm(hold), StoreOutcome::kDone);
    EXPECT_EQ(connection_->Confirm(hold), StoreOutcome::kNotHeld);
    EXPECT_EQ(connection_->Cancel(hold), StoreOutcome::kNotHeld);
    EXPECT_EQ(Snapshot().zone_taken, (std::vector<std::int64_t>{2, 0}));
}

TEST_P(AltStoreTest, ConcurrentRunsPassVerification) {
    connection_.reset();
    // Untimed: 8 connections fight over 10 + 1000 tickets, every user once.
    const RunConfig once{
        .scenario = SmallScenario(), .label = "test", .connections = 8, .users = 300, .seed = 11};
    ASSERT_EQ(store_->Setup(once.scenario, once.users), "");
    Ledger once_ledger(once.scenario.zones.size(), once.users);
    const RunResult once_run = RunClosedLoop(*store_, once, once_ledger);
    const RunStats& once_stats = once_run.stats;
    EXPECT_TRUE(once_run.complete);
    EXPECT_EQ(once_run.turns, once.users);
    EXPECT_EQ(once_stats.errors, 0u);
    EXPECT_GT(once_stats.holds_ok, 0u);
    EXPECT_GT(once_stats.outcomes.count("409 sold_out"), 0u);
    auto snapshot = store_->Snapshot(once.scenario, once.users);
    ASSERT_TRUE(snapshot.ok()) << snapshot.error;
    const Verdict once_verdict = VerifyRun(once.scenario, *snapshot.value, once_ledger);
    EXPECT_TRUE(once_verdict.passed()) << once_verdict.ToJson();

    // Timed, few users: held and paid tickets pile up until the limit refuses.
    RunConfig timed = once;
    timed.scenario.timed = true;
    timed.scenario.shape = WorkloadShape{.confirm_share = 0.2, .cancel_share = 0.7};
    timed.users = 12;
    timed.connections = 4;
    timed.duration_s = 0.3;
    timed.scenario.zones = {{"A", 100'000}, {"B", 100'000}};
    ASSERT_EQ(store_->Setup(timed.scenario, timed.users), "");
    Ledger timed_ledger(timed.scenario.zones.size(), timed.users);
    const RunStats timed_stats = RunClosedLoop(*store_, timed, timed_ledger).stats;
    EXPECT_EQ(timed_stats.errors, 0u);
    EXPECT_GT(timed_stats.outcomes.count("422 limit_exceeded"), 0u);
    snapshot = store_->Snapshot(timed.scenario, timed.users);
    ASSERT_TRUE(snapshot.ok()) << snapshot.error;
    const Verdict timed_verdict = VerifyRun(timed.scenario, *snapshot.value, timed_ledger);
    EXPECT_TRUE(timed_verdict.passed()) << timed_verdict.ToJson();
}

INSTANTIATE_TEST_SUITE_P(Systems, AltStoreTest,
                         testing::Values(System::kRedisFsync, System::kRedisNoPersistence,
                                         System::kPostgresUpdate, System::kPostgresForUpdate),
                         [](const auto& info) { return NameOf(info.param); });

}  // namespace
}  // namespace tix::bench
