// AvailabilitySnapshot: the server's answer to GET /events/{id}/availability?seats=true, read
// into plain structs so verification can be a pure function of it.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace tix::bench {

struct RowStates {
    std::string row;     // the row label
    std::string states;  // one character per seat: 'A' available, 'H' held, 'S' sold
};

struct ZoneAvailability {
    std::string zone_id;
    bool seated = false;
    std::uint64_t capacity = 0;
    std::uint64_t available = 0;
    std::uint64_t held = 0;
    std::uint64_t sold = 0;
    std::vector<RowStates> rows;  // seated zones only
};

struct AvailabilitySnapshot {
    std::vector<ZoneAvailability> zones;  // in the event's order

    static Result<AvailabilitySnapshot> FromJson(const boost::json::value& json);
};

}  // namespace tix::bench
