// Small event specs shared by tests of the engine and the layers above it, and comparing and
// printing zone counts in expectations. Tests only.
#pragma once

#include <ostream>

#include "engine/engine.h"
#include "engine/event_spec.h"

namespace tix {

// Tests speak of small instants: At(1'000) is one second after the epoch.
constexpr TimePoint At(std::int64_t unix_ms) { return FromUnixMillis(unix_ms); }

}  // namespace tix

namespace tix::engine {

inline bool operator==(const ZoneCounts& a, const ZoneCounts& b) {
    return a.capacity == b.capacity && a.available == b.available && a.held == b.held &&
           a.sold == b.sold;
}
inline std::ostream& operator<<(std::ostream& os, const ZoneCounts& c) {
    return os << "{capacity " << c.capacity << ", available " << c.available << ", held " << c.held
              << ", sold " << c.sold << "}";
}

// Sale open from t=0 for ever; a 10-seat GA zone "GA" (price 5.00) and a seated zone "INF" of two
// rows A (6 seats) and B (4 seats) (price 12.50); limit 4 per user, holds of 60 s.
inline EventSpec SmallTestEvent() {
    EventSpec spec;
    spec.name = "Test Night";
    spec.venue = "Test Hall";
    spec.starts_at = At(1'000'000'000);
    spec.sale_starts_at = TimePoint{};
    spec.max_per_user = 4;
    spec.hold = std::chrono::seconds{60};
    ZoneSpec ga;
    ga.zone_id = "GA";
    ga.name = "Standing";
    ga.price_minor = 500;
    ga.currency = "TWD";
    ga.capacity = 10;
    ZoneSpec seated;
    seated.zone_id = "INF";
    seated.name = "Infield";
    seated.price_minor = 1250;
    seated.currency = "TWD";
    seated.kind = ZoneKind::kSeated;
    seated.rows = {{"A", 6}, {"B", 4}};
    spec.zones = {ga, seated};
    NormalizeEventSpec(spec);
    return spec;
}

}  // namespace tix::engine
