#include "app/demo.h"

namespace tix::app {
namespace {

using namespace std::chrono_literals;

using std::chrono::days;

// 19:05 in Taipei (UTC+8), after midnight UTC.
constexpr std::chrono::minutes kFirstPitchUtc = std::chrono::hours{11} + std::chrono::minutes{5};

// "A".."Z", then "AA".."AZ", "BA"...: the row labels printed on stadium tickets.
std::string RowLabel(std::uint32_t index) {
    std::string label;
    for (std::uint32_t n = index + 1; n > 0; n = (n - 1) / 26) {
        label.insert(label.begin(), static_cast<char>('A' + (n - 1) % 26));
    }
    return label;
}

engine::ZoneSpec Seated(const char* id, const char* name, std::int64_t price_twd,
                        std::uint32_t rows, std::uint32_t seats_per_row) {
    engine::ZoneSpec zone;
    zone.zone_id = id;
    zone.name = name;
    zone.price_minor = price_twd * 100;
    zone.currency = "TWD";
    zone.kind = engine::ZoneKind::kSeated;
    for (std::uint32_t r = 0; r < rows; ++r) zone.rows.push_back({RowLabel(r), seats_per_row});
    return zone;
}

engine::ZoneSpec Standing(const char* id, const char* name, std::int64_t price_twd,
                          std::uint32_t capacity) {
    engine::ZoneSpec zone;
    zone.zone_id = id;
    zone.name = name;
    zone.price_minor = price_twd * 100;
    zone.currency = "TWD";
    zone.capacity = capacity;
    return zone;
}

engine::EventSpec Game(std::string name, TimePoint starts_at, TimePoint sale_starts_at) {
    engine::EventSpec spec;
    spec.name = std::move(name);
    spec.series = "2026 MLB vs CPBL All-Star Series";
    spec.venue = "Taipei Dome";
    spec.starts_at = starts_at;
    spec.sale_starts_at = sale_starts_at;
    spec.sale_ends_at = starts_at;
    spec.max_per_user = 8;
    spec.hold = std::chrono::seconds{600};
    spec.zones = {
        Seated("INF1", "Infield, first-base side", 4'200, 25, 200),  // 5,000
        Seated("INF3", "Infield, third-base side", 4'200, 25, 200),  // 5,000
        Seated("OUTL", "Outfield, left", 2'400, 30, 200),            // 6,000
        Seated("OUTR", "Outfield, right", 2'400, 30, 200),           // 6,000
        Seated("UPR", "Upper level", 1'200, 50, 400),                // 20,000
        Standing("STAND", "Standing room (general admission)", 800, 3'000),
    };
    engine::NormalizeEventSpec(spec);
    return spec;
}

}  // namespace

std::vector<engine::EventSpec> DemoEvents(TimePoint now) {
    const TimePoint first_game = std::chrono::floor<days>(now) + days{14} + kFirstPitchUtc;
    return {
        Game("2026 MLB vs CPBL All-Star Game, Game 1", first_game, now - 60s),
        Game("2026 MLB vs CPBL All-Star Game, Game 2", first_game + days{1},
             now + kDemoQueuedSaleDelay),
    };
}

engine::QueueConfig DemoQueue(TimePoint now, TimePoint sale_starts_at,
                              const engine::QueueSeed& seed) {
    engine::QueueConfig config;
    config.opens_at = now - 60s;
    config.sale_starts_at = sale_starts_at;
    config.admit_per_minute = 120;  // two a second: a crowd of newcomers sees the line move
    config.active_max = 500;
    config.admission = std::chrono::seconds{600};
    config.pow_bits = kDemoPowBits;
    config.seed = seed;
    return config;
}

}  // namespace tix::app
