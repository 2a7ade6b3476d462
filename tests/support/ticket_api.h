// Tickets and check-in (issue 10) as black-box tests use them: buying in instant mode, reading an
// order's or a holder's tickets, transfers, gate staff (scanner accounts), online scans, offline
// gates' uploads and the figures. Like tix_api.h, readers are soft: a wrong answer fails an
// expectation with the response printed. Tests only; any thread unless a function says otherwise.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"
#include "support/http_client.h"
#include "support/tix_server.h"

namespace tix::test {

// A static QR payload: 95 bytes as base64url without padding; a rotating one: 99 bytes.
inline constexpr std::size_t kStaticPayloadChars = 127;
inline constexpr std::size_t kRotatingPayloadChars = 132;
// Rotating codes change every 15 s; a scanner accepts the current and the previous step.
inline constexpr std::int64_t kCodeStepSeconds = 15;

// An account with the "scanner" role, made by the admin through POST /api/v1/admin/users and
// logged in. Main thread (it uses the server's admin client). On failure adds a test failure and
// returns a user whose ok() is false.
TestUser NewScanner(TixServer& server, std::string_view tag = "gate");

// Holds `quantity` of a zone and confirms (payments = "instant"): the paid order's id, or null
// after adding a test failure.
boost::json::value Buy(HttpClient& buyer, const boost::json::value& event_id,
                       std::string_view zone_id, std::int64_t quantity);
// The same for explicit seats.
boost::json::value BuySeats(HttpClient& buyer, const boost::json::value& event_id,
                            const std::vector<std::string>& seats);

Response OrderTickets(HttpClient& client, const boost::json::value& order_id);
Response MyTickets(HttpClient& client);
Response GetTicket(HttpClient& client, std::string_view ticket_id);
Response TicketQr(HttpClient& client, std::string_view ticket_id);
Response Transfer(HttpClient& client, std::string_view ticket_id, std::string_view to_email);

// The `tickets` of a 200 answer of GET /orders/{id}/tickets; empty after adding a test failure.
std::vector<boost::json::value> TicketsOfOrder(HttpClient& client,
                                               const boost::json::value& order_id);

// POST /api/v1/checkin (or /events/{event}/checkin when `event_id` is given).
struct ScanRequest {
    std::string payload;
    std::string gate = "main";
    std::optional<TimePoint> scanned_at;
    std::optional<boost::json::value> event_id;  // the gate's event, in the path
};
Response CheckIn(HttpClient& scanner, const ScanRequest& scan);

// One line of an offline gate's log: a payload, or a typed-in ticket id when payload is empty.
struct LoggedScan {
    std::string payload;
    std::string ticket_id;
    TimePoint scanned_at{};
};
boost::json::array ScanLog(const std::vector<LoggedScan>& scans);
Response Upload(HttpClient& scanner, const boost::json::value& event_id, std::string_view gate,
                const std::vector<LoggedScan>& scans);

Response CheckInStats(HttpClient& client, const boost::json::value& event_id);
Response Conflicts(HttpClient& client, const boost::json::value& event_id);
// GET .../checkin/bundle, with ?since= when given.
Response Bundle(HttpClient& client, const boost::json::value& event_id,
                std::optional<std::int64_t> since = std::nullopt);

// One gate's line of the figures; -1s when the gate is not listed.
struct GateFigures {
    std::int64_t admitted = -1;
    std::int64_t double_entries = -1;
};
GateFigures GateOf(const boost::json::value& stats, std::string_view gate);
// A zone's admitted count in the figures; -1 when the zone is not listed.
std::int64_t ZoneAdmitted(const boost::json::value& stats, std::string_view zone_id);

// The strings of a JSON array member (non-strings skipped).
std::vector<std::string> Strings(const boost::json::value& value, std::string_view key);

// `payload` with the character at `index` replaced by another base64url character.
std::string FlipCharacter(std::string payload, std::size_t index);

}  // namespace tix::test
