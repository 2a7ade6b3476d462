#include "queue_sale_config.h"

#include <cmath>
#include <string>

namespace tix::bench {
namespace {

constexpr std::uint32_t kSecondsPerMinute = 60;
constexpr std::uint32_t kActiveMaxSeconds = 10;
constexpr double kTicketedUserShare = 0.75;
constexpr double kPreQueueSecondsMin = 3;  // joins need a moment after opens_at and before start
constexpr std::uint32_t kAdmissionSecondsMin = 60;  // tixd's bounds
constexpr std::uint32_t kAdmissionSecondsMax = 3'600;
constexpr std::uint32_t kRoomRateMax = 1'000'000;

std::uint32_t CeilDiv(std::uint32_t a, std::uint32_t b) { return (a + b - 1) / b; }

Status Invalid(const std::string& text) { return Status::InvalidArgument(text); }

}  // namespace

std::uint32_t BotCount(const QueueSaleConfig& config) {
    return static_cast<std::uint32_t>(std::lround(config.users * config.bot_share));
}

std::uint32_t HumanAddressCount(const QueueSaleConfig& config) {
    return CeilDiv(config.users - BotCount(config), config.humans_per_address);
}

std::uint32_t BotAddressCount(const QueueSaleConfig& config) {
    return CeilDiv(BotCount(config), config.bots_per_address);
}

std::uint32_t QueueSaleConnections(const QueueSaleConfig& config) {
    return HumanAddressCount(config) + BotAddressCount(config) * config.connections_per_bot_address;
}

Status ResolveQueueSaleDefaults(QueueSaleConfig& config) {
    if (config.users < kQueueUsersMin) return Invalid("--users: at least 10 for the queue");
    if (!(config.bot_share >= 0 && config.bot_share < 1)) return Invalid("--bots: [0, 1)");
    if (config.humans_per_address < 1 || config.bots_per_address < 1 ||
        config.connections_per_bot_address < 1) {
        return Invalid("users and connections per address: at least 1");
    }
    if (HumanAddressCount(config) > kSimAddressesMax ||
        BotAddressCount(config) > kSimAddressesMax) {
        return Invalid("--users: too many simulated addresses");
    }
    if (!(config.pre_queue_share >= 0 && config.pre_queue_share <= 1)) {
        return Invalid("pre-queue share: [0, 1]");
    }
    if (!(config.pre_queue_s >= kPreQueueSecondsMin && config.pre_queue_s <= 3'600)) {
        return Invalid("--pre-queue-seconds: 3..3600");
    }
    if (!(config.join_s > 0 && config.join_s <= 3'600)) return Invalid("--join-seconds: (0, 3600]");
    if (!(config.time_limit_s > config.join_s && config.time_limit_s <= 3'600)) {
        return Invalid("--duration: more than --join-seconds, at most 3600");
    }
    if (config.admission_s < kAdmissionSecondsMin || config.admission_s > kAdmissionSecondsMax) {
        return Invalid("admission seconds: 60..3600");
    }
    if (config.pow_bits > kPowBitsMax) return Invalid("--pow-bits: 0..24");
    if (config.quantity_max < 1 || config.quantity_max > 8) return Invalid("quantity: 1..8");
    if (config.admit_per_minute == 0) {
        const double pre_queue = config.users * config.pre_queue_share;
        config.admit_per_minute = std::max<std::uint32_t>(
            kSecondsPerMinute,
            static_cast<std::uint32_t>(std::lround(pre_queue / config.join_s * kSecondsPerMinute)));
    }
    if (config.admit_per_minute > kRoomRateMax) return Invalid("--admit-per-minute: 1..1000000");
    if (config.active_max == 0) {
        config.active_max = std::max<std::uint32_t>(
            1, config.admit_per_minute / kSecondsPerMinute * kActiveMaxSeconds);
    }
    if (config.active_max > kRoomRateMax) return Invalid("--active-max: 1..1000000");
    if (config.tickets == 0) {
        const double mean_quantity = (config.quantity_max + 1) / 2.0;
        config.tickets = std::max<std::uint32_t>(
            2, static_cast<std::uint32_t>(config.users * kTicketedUserShare * mean_quantity));
    }
    return Status::Ok();
}

}  // namespace tix::bench
