#include "store/event_codec.h"

#include <boost/json.hpp>

namespace tix::store {
namespace json = boost::json;

std::string EncodeEventSpec(const engine::EventSpec& spec) {
    json::array zones;
    for (const engine::ZoneSpec& zone : spec.zones) {
        json::array rows;
        for (const engine::RowSpec& row : zone.rows) {
            rows.push_back(json::object{{"label", row.label}, {"seats", row.seats}});
        }
        zones.push_back(json::object{
            {"zone_id", zone.zone_id},
            {"name", zone.name},
            {"price_minor", zone.price_minor},
            {"currency", zone.currency},
            {"seated", zone.kind == engine::ZoneKind::kSeated},
            {"capacity", zone.capacity},
            {"rows", std::move(rows)},
        });
    }
    return json::serialize(json::object{
        {"event_id", spec.event_id.value()},
        {"name", spec.name},
        {"series", spec.series},
        {"venue", spec.venue},
        {"starts_at", ToUnixMillis(spec.starts_at)},
        {"sale_starts_at", ToUnixMillis(spec.sale_starts_at)},
        {"sale_ends_at", ToUnixMillis(spec.sale_ends_at)},
        {"max_per_user", spec.max_per_user},
        {"hold_seconds", spec.hold.count()},
        {"rotating_qr", spec.rotating_qr},
        {"zones", std::move(zones)},
    });
}

Result<engine::EventSpec> DecodeEventSpec(std::string_view text) {
    boost::system::error_code ec;
    json::value doc = json::parse(text, ec);
    if (ec) return Status::Corruption("event spec: " + ec.message());
    try {
        const json::object& o = doc.as_object();
        engine::EventSpec spec;
        spec.event_id = EventId{json::value_to<std::uint64_t>(o.at("event_id"))};
        spec.name = json::value_to<std::string>(o.at("name"));
        spec.series = json::value_to<std::string>(o.at("series"));
        spec.venue = json::value_to<std::string>(o.at("venue"));
        spec.starts_at = FromUnixMillis(json::value_to<std::int64_t>(o.at("starts_at")));
        spec.sale_starts_at = FromUnixMillis(json::value_to<std::int64_t>(o.at("sale_starts_at")));
        spec.sale_ends_at = FromUnixMillis(json::value_to<std::int64_t>(o.at("sale_ends_at")));
        spec.max_per_user = json::value_to<std::uint32_t>(o.at("max_per_user"));
        spec.hold = std::chrono::seconds{json::value_to<std::uint32_t>(o.at("hold_seconds"))};
        // Absent in journals from before tickets.
        if (const json::value* rotating = o.if_contains("rotating_qr")) {
            spec.rotating_qr = rotating->as_bool();
        }
        for (const json::value& z : o.at("zones").as_array()) {
            const json::object& zo = z.as_object();
            engine::ZoneSpec zone;
            zone.zone_id = json::value_to<std::string>(zo.at("zone_id"));
            zone.name = json::value_to<std::string>(zo.at("name"));
            zone.price_minor = json::value_to<std::int64_t>(zo.at("price_minor"));
            zone.currency = json::value_to<std::string>(zo.at("currency"));
            zone.kind = zo.at("seated").as_bool() ? engine::ZoneKind::kSeated
                                                  : engine::ZoneKind::kGeneralAdmission;
            zone.capacity = json::value_to<std::uint32_t>(zo.at("capacity"));
            for (const json::value& r : zo.at("rows").as_array()) {
                zone.rows.push_back({json::value_to<std::string>(r.at("label")),
                                     json::value_to<std::uint32_t>(r.at("seats"))});
            }
            spec.zones.push_back(std::move(zone));
        }
        return spec;
    } catch (const std::exception& e) {
        // Boost.JSON reports shape errors by exception; they stop here, as a Status.
        return Status::Corruption(std::string("event spec: ") + e.what());
    }
}

}  // namespace tix::store
