#include "queue_population.h"

#include <gtest/gtest.h>

#include <set>

namespace tix::bench {
namespace {

QueueSaleConfig Resolved(std::uint32_t users) {
    QueueSaleConfig config;
    config.users = users;
    EXPECT_TRUE(ResolveQueueSaleDefaults(config).ok());
    return config;
}

TEST(QueueSaleConfig, DerivesTheRoomFromTheUsers) {
    const QueueSaleConfig config = Resolved(20'000);
    // 10,000 in the pre-queue admitted over the 20 s of later arrivals.
    EXPECT_EQ(config.admit_per_minute, 30'000u);
    EXPECT_EQ(config.active_max, 5'000u);  // ten seconds' worth
    EXPECT_EQ(config.tickets, 37'500u);    // 3 in 4 users, 2.5 tickets each
    EXPECT_EQ(BotCount(config), 2'000u);
    EXPECT_EQ(HumanAddressCount(config), 900u);
    EXPECT_EQ(BotAddressCount(config), 4u);
    EXPECT_EQ(QueueSaleConnections(config), 1'000u);
}

TEST(QueueSaleConfig, RefusesOutOfBoundsValues) {
    const auto refused = [](auto change) {
        QueueSaleConfig config;
        change(config);
        return ResolveQueueSaleDefaults(config).code() == Status::Code::kInvalidArgument;
    };
    EXPECT_TRUE(refused([](QueueSaleConfig& c) { c.users = kQueueUsersMin - 1; }));
    EXPECT_FALSE(refused([](QueueSaleConfig& c) { c.users = kQueueUsersMin; }));
    EXPECT_TRUE(refused([](QueueSaleConfig& c) { c.bot_share = 1; }));
    EXPECT_TRUE(refused([](QueueSaleConfig& c) { c.pre_queue_s = 2.9; }));
    EXPECT_TRUE(refused([](QueueSaleConfig& c) { c.time_limit_s = c.join_s; }));
    EXPECT_TRUE(refused([](QueueSaleConfig& c) { c.pow_bits = kPowBitsMax + 1; }));
    EXPECT_FALSE(refused([](QueueSaleConfig& c) { c.pow_bits = kPowBitsMax; }));
    EXPECT_TRUE(refused([](QueueSaleConfig& c) { c.admit_per_minute = 1'000'001; }));
    EXPECT_TRUE(refused([](QueueSaleConfig& c) {
        c.users = 1'000'000;
        c.humans_per_address = 1;  // 900,000 addresses
    }));
}

TEST(QueuePopulation, BotsArePackedAndHumansSpreadOverLoopbackAddresses) {
    const QueueSaleConfig config = Resolved(2'000);
    const Population population = PlanPopulation(config, 1);
    ASSERT_EQ(population.users.size(), 2'000u);
    EXPECT_EQ(population.bots, 200u);
    std::set<std::string> ips;
    std::uint32_t bots = 0;
    for (const SimAddress& address : population.addresses) {
        EXPECT_TRUE(address.ip.is_loopback()) << address.ip.to_string();
        ips.insert(address.ip.to_string());
        const std::uint32_t most =
            address.kind == UserKind::kBot ? config.bots_per_address : config.humans_per_address;
        EXPECT_LE(address.users, most) << address.ip.to_string();
    }
    EXPECT_EQ(ips.size(), population.addresses.size()) << "addresses are distinct";
    for (const PlannedUser& user : population.users) {
        const SimAddress& address = population.addresses[user.address];
        EXPECT_EQ(address.kind, user.kind);
        bots += user.kind == UserKind::kBot;
    }
    EXPECT_EQ(bots, 200u);
    EXPECT_EQ(population.addresses.back().ip.to_string(), "127.2.0.1");
    EXPECT_EQ(population.addresses.back().connections, config.connections_per_bot_address);
    EXPECT_EQ(SimAddressIp(UserKind::kHuman, 254).to_string(), "127.1.1.1");
}

TEST(QueuePopulation, HalfOfEachKindArrivesInThePreQueueWindow) {
    const QueueSaleConfig config = Resolved(2'000);
    const Population population = PlanPopulation(config, 7);
    std::uint32_t early[2] = {0, 0};
    for (const PlannedUser& user : population.users) {
        if (user.arrival_s < 0) {
            ++early[static_cast<int>(user.kind)];
            EXPECT_GE(user.arrival_s, -config.pre_queue_s + kOpenMarginSeconds);
            EXPECT_LE(user.arrival_s, -kCloseMarginSeconds);
        } else {
            EXPECT_LE(user.arrival_s, config.join_s);
        }
    }
    EXPECT_EQ(early[0], 900u);
    EXPECT_EQ(early[1], 100u);
}

TEST(QueuePopulation, TheSameSeedPlansTheSamePeople) {
    const QueueSaleConfig config = Resolved(500);
    const Population a = PlanPopulation(config, 42);
    const Population b = PlanPopulation(config, 42);
    const Population c = PlanPopulation(config, 43);
    bool differs = false;
    for (std::size_t i = 0; i < a.users.size(); ++i) {
        EXPECT_EQ(a.users[i].arrival_s, b.users[i].arrival_s);
        EXPECT_EQ(a.users[i].kind, b.users[i].kind);
        differs |= a.users[i].arrival_s != c.users[i].arrival_s;
    }
    EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace tix::bench
