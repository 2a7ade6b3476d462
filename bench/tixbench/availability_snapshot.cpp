#include "availability_snapshot.h"

#include <boost/json.hpp>

namespace tix::bench {

Result<AvailabilitySnapshot> AvailabilitySnapshot::FromJson(const boost::json::value& json) {
    // The answer comes from the server under test, so a malformed one is an error, not a bug.
    boost::system::error_code ec;
    AvailabilitySnapshot snapshot;
    const auto* zones = json.is_object() ? json.as_object().if_contains("zones") : nullptr;
    if (zones == nullptr || !zones->is_array()) {
        return Status::Corruption("availability: no zones array");
    }
    for (const boost::json::value& zone_json : zones->as_array()) {
        const auto* zone = zone_json.if_object();
        if (zone == nullptr) return Status::Corruption("availability: zone is not an object");
        ZoneAvailability zone_availability;
        const auto* id = zone->if_contains("zone_id");
        const auto* kind = zone->if_contains("kind");
        if (id == nullptr || !id->is_string() || kind == nullptr || !kind->is_string()) {
            return Status::Corruption("availability: zone without zone_id or kind");
        }
        zone_availability.zone_id = id->as_string().c_str();
        zone_availability.seated = kind->as_string() == "seated";
        for (auto [name, field] : {std::pair{"capacity", &zone_availability.capacity},
                                   {"available", &zone_availability.available},
                                   {"held", &zone_availability.held},
                                   {"sold", &zone_availability.sold}}) {
            const auto* value = zone->if_contains(name);
            if (value == nullptr)
                return Status::Corruption(std::string("availability: no ") + name);
            *field = value->to_number<std::uint64_t>(ec);
            if (ec) return Status::Corruption(std::string("availability: bad ") + name);
        }
        if (const auto* rows = zone->if_contains("rows"); rows != nullptr && rows->is_array()) {
            for (const boost::json::value& row : rows->as_array()) {
                const auto* label = row.is_object() ? row.as_object().if_contains("row") : nullptr;
                const auto* states =
                    row.is_object() ? row.as_object().if_contains("states") : nullptr;
                if (label == nullptr || !label->is_string() || states == nullptr ||
                    !states->is_string()) {
                    return Status::Corruption("availability: bad row");
                }
                zone_availability.rows.push_back(
                    {label->as_string().c_str(), states->as_string().c_str()});
            }
        }
        snapshot.zones.push_back(std::move(zone_availability));
    }
    return snapshot;
}

}  // namespace tix::bench
