#include "queue_population.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <random>

namespace tix::bench {
namespace {

constexpr std::uint32_t kHostsPerSubnet = 254;  // .1 .. .254 of each /24

// Spreads one kind's users (given by index) over its addresses and arrival times.
void Place(const std::vector<std::uint32_t>& members, std::uint32_t first_address,
           std::uint32_t per_address, const QueueSaleConfig& config, std::mt19937_64& rng,
           Population& population) {
    const auto pre_queue =
        static_cast<std::size_t>(std::lround(members.size() * config.pre_queue_share));
    std::uniform_real_distribution<double> before(-config.pre_queue_s + kOpenMarginSeconds,
                                                  -kCloseMarginSeconds);
    std::uniform_real_distribution<double> after(0, config.join_s);
    // Who joins early is random; where each one sits is by order, so addresses fill evenly.
    std::vector<std::uint32_t> shuffled = members;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    for (std::size_t i = 0; i < shuffled.size(); ++i) {
        PlannedUser& user = population.users[shuffled[i]];
        user.arrival_s = i < pre_queue ? before(rng) : after(rng);
    }
    for (std::size_t i = 0; i < members.size(); ++i) {
        const std::uint32_t address = first_address + static_cast<std::uint32_t>(i) / per_address;
        population.users[members[i]].address = address;
        ++population.addresses[address].users;
    }
}

}  // namespace

boost::asio::ip::address_v4 SimAddressIp(UserKind kind, std::uint32_t n) {
    const std::uint32_t second = kind == UserKind::kHuman ? 1 : 2;
    return boost::asio::ip::address_v4((127U << 24) | (second << 16) |
                                       ((n / kHostsPerSubnet) << 8) | (n % kHostsPerSubnet + 1));
}

Population PlanPopulation(const QueueSaleConfig& config, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Population population;
    population.bots = BotCount(config);
    population.users.resize(config.users);
    // Which users are bots: a random `bots` of them.
    std::vector<std::uint32_t> order(config.users);
    for (std::uint32_t i = 0; i < config.users; ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<std::uint32_t> bots(order.begin(), order.begin() + population.bots);
    std::vector<std::uint32_t> humans(order.begin() + population.bots, order.end());
    std::sort(bots.begin(), bots.end());
    std::sort(humans.begin(), humans.end());
    for (const std::uint32_t bot : bots) population.users[bot].kind = UserKind::kBot;

    const std::uint32_t human_addresses = HumanAddressCount(config);
    for (std::uint32_t n = 0; n < human_addresses; ++n) {
        population.addresses.push_back({SimAddressIp(UserKind::kHuman, n), UserKind::kHuman, 1, 0});
    }
    for (std::uint32_t n = 0; n < BotAddressCount(config); ++n) {
        population.addresses.push_back({SimAddressIp(UserKind::kBot, n), UserKind::kBot,
                                        config.connections_per_bot_address, 0});
    }
    Place(humans, 0, config.humans_per_address, config, rng, population);
    Place(bots, human_addresses, config.bots_per_address, config, rng, population);
    return population;
}

}  // namespace tix::bench
