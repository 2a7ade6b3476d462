#include "api/event_request.h"

#include <cmath>
#include <string>

#include "common/rfc3339.h"

namespace tix::api {
namespace json = boost::json;
using engine::EventSpec;
using engine::ZoneSpec;

std::optional<std::int64_t> PriceToMinor(const json::value& price) {
    double minor = 0;
    if (price.is_int64()) {
        const std::int64_t major = price.get_int64();
        if (major < 0 || major > engine::kMaxPriceMinor / 100) return std::nullopt;
        return major * 100;
    }
    if (price.is_uint64()) return std::nullopt;  // beyond int64: far above the limit
    if (!price.is_double()) return std::nullopt;
    minor = price.get_double() * 100.0;
    if (!std::isfinite(minor) || minor < 0 || minor > static_cast<double>(engine::kMaxPriceMinor)) {
        return std::nullopt;
    }
    const double rounded = std::round(minor);
    if (std::fabs(minor - rounded) > 1e-6) return std::nullopt;
    return static_cast<std::int64_t>(rounded);
}

std::optional<TimePoint> ReadTime(http::JsonObjectReader& body, std::string_view field,
                                  bool required) {
    std::optional<std::string> text =
        required ? std::optional(body.RequiredString(field, 64)) : body.OptionalString(field, 64);
    if (!body.ok() || !text) return std::nullopt;
    std::optional<TimePoint> t = ParseRfc3339(*text);
    if (!t) body.Fail(field, "must be an RFC 3339 time such as 2026-12-05T11:05:00Z");
    return t;
}

namespace {

// Reads zones[i] into `zone`; problems are reported on `body` with the full field path.
void ReadZone(http::JsonObjectReader& body, const json::value& value, std::size_t index,
              ZoneSpec& zone) {
    const std::string path = "zones[" + std::to_string(index) + "]";
    if (!value.is_object()) return body.Fail(path, "must be an object");
    http::JsonObjectReader reader(value.as_object());
    zone.zone_id = reader.RequiredString("zone_id", engine::kMaxZoneIdLength);
    zone.name = reader.RequiredString("name", engine::kMaxNameLength);
    zone.currency = reader.RequiredString("currency", 3, 3);
    const std::string kind = reader.RequiredString("kind", 16);
    if (reader.ok()) {
        const json::value* price = reader.object().if_contains("price");
        const std::optional<std::int64_t> minor = price ? PriceToMinor(*price) : std::nullopt;
        if (!minor) {
            reader.Fail("price", "must be a number from 0 with at most two decimals");
        } else {
            zone.price_minor = *minor;
        }
    }
    if (reader.ok() && kind == "ga") {
        zone.kind = engine::ZoneKind::kGeneralAdmission;
        zone.capacity = static_cast<std::uint32_t>(
            reader.RequiredInt("capacity", 1, engine::kMaxCapacityPerZone));
    } else if (reader.ok() && kind == "seated") {
        zone.kind = engine::ZoneKind::kSeated;
        const json::array* rows = reader.RequiredArray("rows", engine::kMaxRowsPerZone);
        for (std::size_t r = 0; rows && reader.ok() && r < rows->size(); ++r) {
            const std::string row_path = "rows[" + std::to_string(r) + "]";
            if (!(*rows)[r].is_object()) {
                reader.Fail(row_path, "must be an object {row, seats}");
                break;
            }
            http::JsonObjectReader row((*rows)[r].as_object());
            engine::RowSpec spec;
            spec.label = row.RequiredString("row", engine::kMaxRowLabelLength);
            spec.seats =
                static_cast<std::uint32_t>(row.RequiredInt("seats", 1, engine::kMaxSeatsPerRow));
            if (!row.ok()) reader.Fail(row_path + "." + row.error_field(), row.error_detail());
            zone.rows.push_back(std::move(spec));
        }
        if (rows && rows->empty()) reader.Fail("rows", "a seated zone needs at least one row");
    } else if (reader.ok()) {
        reader.Fail("kind", "must be \"ga\" or \"seated\"");
    }
    if (!reader.ok()) body.Fail(path + "." + reader.error_field(), reader.error_detail());
}

}  // namespace

std::optional<EventSpec> ReadEventSpec(http::JsonObjectReader& body) {
    EventSpec spec;
    spec.name = body.RequiredString("name", engine::kMaxNameLength);
    spec.series = body.OptionalString("series", engine::kMaxNameLength).value_or("");
    spec.venue = body.RequiredString("venue", engine::kMaxNameLength);
    spec.starts_at = ReadTime(body, "starts_at", true).value_or(TimePoint{});
    spec.sale_starts_at = ReadTime(body, "sale_starts_at", true).value_or(TimePoint{});
    spec.sale_ends_at = ReadTime(body, "sale_ends_at", false).value_or(kNoEnd);
    spec.max_per_user =
        static_cast<std::uint32_t>(body.OptionalInt("max_per_user", 1, engine::kMaxPerUserLimit)
                                       .value_or(engine::kMaxPerUserLimit));
    spec.hold = std::chrono::seconds{body.OptionalInt("hold_seconds", 1, engine::kMaxHold.count())
                                         .value_or(engine::kDefaultHold.count())};
    spec.rotating_qr = body.OptionalBool("rotating_qr").value_or(false);
    const json::array* zones = body.RequiredArray("zones", engine::kMaxZonesPerEvent);
    if (zones && zones->empty()) body.Fail("zones", "an event needs at least one zone");
    for (std::size_t i = 0; zones && body.ok() && i < zones->size(); ++i) {
        spec.zones.emplace_back();
        ReadZone(body, (*zones)[i], i, spec.zones.back());
    }
    if (!body.ok()) return std::nullopt;
    if (std::optional<std::string> problem = engine::ValidateEventSpec(spec)) {
        body.Fail("event", *problem);
        return std::nullopt;
    }
    engine::NormalizeEventSpec(spec);
    return spec;
}

}  // namespace tix::api
