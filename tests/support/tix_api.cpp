#include "support/tix_api.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

#include "common/rfc3339.h"

namespace tix::test {
namespace {

namespace json = boost::json;

// A paging loop that has not ended after this many pages is broken.
constexpr int kPagesMax = 1'000;

Headers KeyHeader(std::string_view idempotency_key) {
    if (idempotency_key.empty()) return {};
    return {{"Idempotency-Key", std::string(idempotency_key)}};
}

}  // namespace

const json::value* Find(const json::value& value, std::string_view key) {
    return value.is_object() ? value.as_object().if_contains(key) : nullptr;
}

json::value Member(const json::value& value, std::string_view key) {
    const json::value* member = Find(value, key);
    return member != nullptr ? *member : json::value(nullptr);
}

std::string GetString(const json::value& value, std::string_view key) {
    const json::value* member = Find(value, key);
    return member != nullptr && member->is_string() ? std::string(member->as_string()) : "";
}

std::int64_t GetInt(const json::value& value, std::string_view key, std::int64_t fallback) {
    const json::value* member = Find(value, key);
    if (member == nullptr) return fallback;
    if (member->is_int64()) return member->as_int64();
    if (member->is_uint64() && member->as_uint64() <= INT64_MAX) {
        return static_cast<std::int64_t>(member->as_uint64());
    }
    return fallback;
}

double GetNumber(const json::value& value, std::string_view key, double fallback) {
    const json::value* member = Find(value, key);
    if (member == nullptr) return fallback;
    if (member->is_number()) return member->to_number<double>();
    if (member->is_string()) {
        const std::string text(member->as_string());
        char* end = nullptr;
        const double number = std::strtod(text.c_str(), &end);
        if (!text.empty() && end == text.c_str() + text.size()) return number;
    }
    return fallback;
}

const json::array& GetArray(const json::value& value, std::string_view key) {
    static const json::array kEmpty;
    const json::value* member = Find(value, key);
    return member != nullptr && member->is_array() ? member->as_array() : kEmpty;
}

std::string IdText(const json::value& id) {
    if (id.is_string()) return std::string(id.as_string());
    if (id.is_int64()) return std::to_string(id.as_int64());
    if (id.is_uint64()) return std::to_string(id.as_uint64());
    return "<no id>";
}

TimePoint Now() {
    return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string Rfc3339(TimePoint t) { return FormatRfc3339(t); }

std::optional<TimePoint> GetTime(const json::value& value, std::string_view key) {
    const json::value* member = Find(value, key);
    if (member == nullptr || !member->is_string()) return std::nullopt;
    return ParseRfc3339(member->as_string());
}

json::object GaZone(std::string_view zone_id, int capacity, std::int64_t price) {
    return json::object{{"zone_id", zone_id}, {"name", "General admission " + std::string(zone_id)},
                        {"price", price},     {"currency", "TWD"},
                        {"kind", "ga"},       {"capacity", capacity}};
}

json::object SeatedZone(std::string_view zone_id, const Rows& rows, std::int64_t price) {
    json::array row_array;
    for (const auto& [label, seats] : rows)
        row_array.push_back(json::object{{"row", label}, {"seats", seats}});
    return json::object{{"zone_id", zone_id}, {"name", "Seated " + std::string(zone_id)},
                        {"price", price},     {"currency", "TWD"},
                        {"kind", "seated"},   {"rows", std::move(row_array)}};
}

json::object EventDraft::ToJson() const {
    json::object body{{"name", name},
                      {"venue", venue},
                      {"starts_at", Rfc3339(starts_at)},
                      {"sale_starts_at", Rfc3339(sale_starts_at)},
                      {"zones", zones}};
    if (!series.empty()) body["series"] = series;
    if (sale_ends_at) body["sale_ends_at"] = Rfc3339(*sale_ends_at);
    if (max_per_user) body["max_per_user"] = *max_per_user;
    if (hold_seconds) body["hold_seconds"] = *hold_seconds;
    if (queue) body["queue"] = *queue;
    if (rotating_qr) body["rotating_qr"] = *rotating_qr;
    return body;
}

json::object HoldBody(const json::value& event_id, std::string_view zone_id, std::int64_t quantity,
                      const HoldOptions& options) {
    json::object body{{"event_id", event_id}, {"zone_id", zone_id}, {"quantity", quantity}};
    if (options.allow_split) body["allow_split"] = *options.allow_split;
    return body;
}

json::object SeatsBody(const json::value& event_id, const std::vector<std::string>& seats) {
    json::array seat_array;
    for (const std::string& seat : seats) seat_array.emplace_back(seat);
    return json::object{{"event_id", event_id}, {"seats", std::move(seat_array)}};
}

Response Hold(HttpClient& client, const json::value& event_id, std::string_view zone_id,
              std::int64_t quantity, const HoldOptions& options) {
    return client.Post("/api/v1/orders", HoldBody(event_id, zone_id, quantity, options),
                       KeyHeader(options.idempotency_key));
}

Response HoldSeats(HttpClient& client, const json::value& event_id,
                   const std::vector<std::string>& seats, std::string_view idempotency_key) {
    return client.Post("/api/v1/orders", SeatsBody(event_id, seats), KeyHeader(idempotency_key));
}

Response GetOrder(HttpClient& client, const json::value& order_id) {
    return client.Get("/api/v1/orders/" + IdText(order_id));
}

Response Confirm(HttpClient& client, const json::value& order_id) {
    return client.PostEmpty("/api/v1/orders/" + IdText(order_id) + "/confirm");
}

Response AdvanceClock(HttpClient& admin, std::int64_t seconds) {
    return admin.Post("/api/v1/admin/clock/advance", json::object{{"seconds", seconds}});
}

Response Cancel(HttpClient& client, const json::value& order_id) {
    return client.PostEmpty("/api/v1/orders/" + IdText(order_id) + "/cancel");
}

Response Availability(HttpClient& client, const json::value& event_id, bool seats) {
    return client.Get("/api/v1/events/" + IdText(event_id) + "/availability" +
                      (seats ? "?seats=true" : ""));
}

std::vector<json::value> ListAllMyOrders(HttpClient& client, int limit) {
    std::vector<json::value> orders;
    std::string cursor;
    for (int page = 0; page < kPagesMax; ++page) {
        std::string target = "/api/v1/orders?limit=" + std::to_string(limit);
        if (!cursor.empty()) target += "&cursor=" + cursor;
        const Response response = client.Get(target);
        if (response.status != 200) {
            ADD_FAILURE() << "listing orders failed: " << response;
            return orders;
        }
        for (const json::value& order : GetArray(response.json, "orders")) orders.push_back(order);
        const json::value* next = Find(response.json, "next_cursor");
        if (next == nullptr || next->is_null()) return orders;
        // Cursors are opaque; a string is sent as is (tests use URL-safe ones only).
        cursor = next->is_string() ? std::string(next->as_string()) : IdText(*next);
    }
    ADD_FAILURE() << "order paging did not end after " << kPagesMax << " pages";
    return orders;
}

std::set<std::string> SeatSet(const json::value& order) {
    std::set<std::string> seats;
    for (const json::value& seat : GetArray(order, "seats")) {
        if (seat.is_string()) seats.insert(std::string(seat.as_string()));
    }
    return seats;
}

std::string SeatId(std::string_view zone_id, std::string_view row, int number) {
    return std::string(zone_id) + "-" + std::string(row) + "-" + std::to_string(number);
}

ZoneCounts ZoneAvailability(const json::value& availability, std::string_view zone_id) {
    for (const json::value& zone : GetArray(availability, "zones")) {
        if (GetString(zone, "zone_id") != zone_id) continue;
        return ZoneCounts{true,
                          GetString(zone, "kind"),
                          GetInt(zone, "capacity"),
                          GetInt(zone, "available"),
                          GetInt(zone, "held"),
                          GetInt(zone, "sold")};
    }
    return ZoneCounts{};
}

std::string RowStates(const json::value& availability, std::string_view zone_id,
                      std::string_view row) {
    for (const json::value& zone : GetArray(availability, "zones")) {
        if (GetString(zone, "zone_id") != zone_id) continue;
        for (const json::value& line : GetArray(zone, "rows")) {
            if (GetString(line, "row") == row) return GetString(line, "states");
        }
    }
    return "";
}

}  // namespace tix::test
