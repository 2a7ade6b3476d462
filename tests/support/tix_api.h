// The tix HTTP API as black-box tests use it: request builders for events and orders, readers
// for the answers, and soft JSON accessors that return a default instead of throwing, so that a
// wrong answer fails an expectation (with the response printed) rather than aborting a thread.
// Tests only. Ids (event_id, order_id, user_id) are kept as the JSON values the server sent and
// sent back unchanged: the contract does not say whether they are numbers or strings.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/types.h"
#include "support/http_client.h"

namespace tix::test {

// ---- JSON access -------------------------------------------------------------------------

// The member `key` of an object, or nullptr (also when `value` is not an object).
const boost::json::value* Find(const boost::json::value& value, std::string_view key);
// A copy of the member `key`; null when missing.
boost::json::value Member(const boost::json::value& value, std::string_view key);
// The member as a string; "" when missing or not a string.
std::string GetString(const boost::json::value& value, std::string_view key);
// The member as an integer; `fallback` when missing or not an integral number.
std::int64_t GetInt(const boost::json::value& value, std::string_view key,
                    std::int64_t fallback = -1);
// The member as a number (integer or floating, or a decimal string); `fallback` otherwise.
double GetNumber(const boost::json::value& value, std::string_view key, double fallback = -1);
// The member as an array; an empty array when missing.
const boost::json::array& GetArray(const boost::json::value& value, std::string_view key);
// An id as it appears in a URL path: a number's digits or a string's text.
std::string IdText(const boost::json::value& id);

// ---- time ---------------------------------------------------------------------------------

using namespace std::chrono_literals;
using Days = std::chrono::days;

// The wall clock of the machine the tests run on (tixd's, unless started with --test-clock and
// advanced).
TimePoint Now();
// RFC 3339 UTC, "2026-07-01T11:00:00Z".
std::string Rfc3339(TimePoint t);
// Parses an RFC 3339 member; nullopt when missing or malformed.
std::optional<TimePoint> GetTime(const boost::json::value& value, std::string_view key);

// ---- events -------------------------------------------------------------------------------

using Rows = std::vector<std::pair<std::string, int>>;  // {row label, seats}, front row first

boost::json::object GaZone(std::string_view zone_id, int capacity, std::int64_t price = 1'000);
boost::json::object SeatedZone(std::string_view zone_id, const Rows& rows,
                               std::int64_t price = 2'000);

// A POST /api/v1/events body. Defaults: on sale since an hour ago, starting in 30 days,
// max_per_user and hold_seconds left to the server.
struct EventDraft {
    std::string name = "Black-box test night";
    std::string series;  // omitted when empty
    std::string venue = "Taipei Dome";
    TimePoint starts_at = Now() + Days{30};
    TimePoint sale_starts_at = Now() - 1h;
    std::optional<TimePoint> sale_ends_at;
    std::optional<int> max_per_user;
    std::optional<int> hold_seconds;
    boost::json::array zones;
    std::optional<boost::json::object> queue;  // a waiting room (issue 8); omitted when unset
    std::optional<bool> rotating_qr;           // QR codes that change every 15 s (issue 10)

    boost::json::object ToJson() const;
};

// ---- orders -------------------------------------------------------------------------------

struct HoldOptions {
    std::optional<bool> allow_split;
    std::string idempotency_key;  // sent as Idempotency-Key when not empty
};

boost::json::object HoldBody(const boost::json::value& event_id, std::string_view zone_id,
                             std::int64_t quantity, const HoldOptions& options = {});
boost::json::object SeatsBody(const boost::json::value& event_id,
                              const std::vector<std::string>& seats);

// POST /api/v1/orders for `quantity` tickets of a zone.
Response Hold(HttpClient& client, const boost::json::value& event_id, std::string_view zone_id,
              std::int64_t quantity, const HoldOptions& options = {});
// POST /api/v1/orders for explicit seats.
Response HoldSeats(HttpClient& client, const boost::json::value& event_id,
                   const std::vector<std::string>& seats, std::string_view idempotency_key = "");
Response GetOrder(HttpClient& client, const boost::json::value& order_id);
Response Confirm(HttpClient& client, const boost::json::value& order_id);
Response Cancel(HttpClient& client, const boost::json::value& order_id);
Response Availability(HttpClient& client, const boost::json::value& event_id, bool seats = false);
// Moves the server's clock forward (tixd --test-clock; `admin` must be an admin's client).
Response AdvanceClock(HttpClient& admin, std::int64_t seconds);
// Every order of the client's user, following next_cursor with pages of `limit`. Adds a test
// failure and returns what it has when a page fails or paging does not end.
std::vector<boost::json::value> ListAllMyOrders(HttpClient& client, int limit = 100);

// The seat ids of an order, as a set.
std::set<std::string> SeatSet(const boost::json::value& order);
// "INF-A-12" from zone, row, number.
std::string SeatId(std::string_view zone_id, std::string_view row, int number);

// One zone's line of an availability answer.
struct ZoneCounts {
    bool found = false;
    std::string kind;
    std::int64_t capacity = -1;
    std::int64_t available = -1;
    std::int64_t held = -1;
    std::int64_t sold = -1;
};
ZoneCounts ZoneAvailability(const boost::json::value& availability, std::string_view zone_id);
// The `states` string of one row (with ?seats=true); "" when absent.
std::string RowStates(const boost::json::value& availability, std::string_view zone_id,
                      std::string_view row);

}  // namespace tix::test
