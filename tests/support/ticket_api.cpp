#include "support/ticket_api.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>

#include "support/tix_api.h"

namespace tix::test {
namespace {

namespace json = boost::json;

std::string TicketPath(std::string_view ticket_id, std::string_view tail = "") {
    return "/api/v1/tickets/" + std::string(ticket_id) + std::string(tail);
}

std::string CheckInPath(const json::value& event_id, std::string_view tail = "") {
    return "/api/v1/events/" + IdText(event_id) + "/checkin" + std::string(tail);
}

json::value Paid(HttpClient& buyer, const Response& held) {
    if (held.status != 201) {
        ADD_FAILURE() << "holding failed: " << held;
        return nullptr;
    }
    const json::value order_id = Member(held.json, "order_id");
    const Response confirmed = Confirm(buyer, order_id);
    if (confirmed.status != 200 || GetString(confirmed.json, "status") != "paid") {
        ADD_FAILURE() << "confirming failed: " << confirmed;
        return nullptr;
    }
    return order_id;
}

}  // namespace

TestUser NewScanner(TixServer& server, std::string_view tag) {
    static std::atomic<int> next{0};
    TestUser scanner;
    scanner.email = std::string(tag) + "-" + std::to_string(::getpid()) + "-" +
                    std::to_string(next.fetch_add(1)) + "@staff.blackbox.tix";
    scanner.password = kUserPassword;
    const Response created = server.admin().Post("/api/v1/admin/users",
                                                 json::object{{"email", scanner.email},
                                                              {"password", scanner.password},
                                                              {"name", "Gate " + std::string(tag)},
                                                              {"role", "scanner"}});
    if (created.status != 201 || GetString(created.json, "role") != "scanner") {
        ADD_FAILURE() << "creating a scanner failed: " << created;
        return scanner;
    }
    scanner.user_id = Member(created.json, "user_id");
    auto client = server.NewClient();
    if (client->Login(scanner.email, scanner.password).empty()) return scanner;
    scanner.client = std::move(client);
    return scanner;
}

json::value Buy(HttpClient& buyer, const json::value& event_id, std::string_view zone_id,
                std::int64_t quantity) {
    return Paid(buyer, Hold(buyer, event_id, zone_id, quantity));
}

json::value BuySeats(HttpClient& buyer, const json::value& event_id,
                     const std::vector<std::string>& seats) {
    return Paid(buyer, HoldSeats(buyer, event_id, seats));
}

Response OrderTickets(HttpClient& client, const json::value& order_id) {
    return client.Get("/api/v1/orders/" + IdText(order_id) + "/tickets");
}

Response MyTickets(HttpClient& client) { return client.Get("/api/v1/tickets"); }

Response GetTicket(HttpClient& client, std::string_view ticket_id) {
    return client.Get(TicketPath(ticket_id));
}

Response TicketQr(HttpClient& client, std::string_view ticket_id) {
    return client.Get(TicketPath(ticket_id, "/qr.svg"));
}

Response Transfer(HttpClient& client, std::string_view ticket_id, std::string_view to_email) {
    return client.Post(TicketPath(ticket_id, "/transfer"), json::object{{"to_email", to_email}});
}

std::vector<json::value> TicketsOfOrder(HttpClient& client, const json::value& order_id) {
    const Response tickets = OrderTickets(client, order_id);
    if (tickets.status != 200) {
        ADD_FAILURE() << "reading an order's tickets failed: " << tickets;
        return {};
    }
    const json::array& list = GetArray(tickets.json, "tickets");
    return {list.begin(), list.end()};
}

Response CheckIn(HttpClient& scanner, const ScanRequest& scan) {
    json::object body{{"payload", scan.payload}, {"gate", scan.gate}};
    if (scan.scanned_at) body["scanned_at"] = Rfc3339(*scan.scanned_at);
    const std::string target =
        scan.event_id ? CheckInPath(*scan.event_id) : std::string("/api/v1/checkin");
    return scanner.Post(target, body);
}

json::array ScanLog(const std::vector<LoggedScan>& scans) {
    json::array log;
    for (const LoggedScan& scan : scans) {
        json::object line{{"scanned_at", Rfc3339(scan.scanned_at)}};
        if (scan.payload.empty()) {
            line["ticket_id"] = scan.ticket_id;
        } else {
            line["payload"] = scan.payload;
        }
        log.push_back(std::move(line));
    }
    return log;
}

Response Upload(HttpClient& scanner, const json::value& event_id, std::string_view gate,
                const std::vector<LoggedScan>& scans) {
    return scanner.Post(CheckInPath(event_id, "/upload"),
                        json::object{{"gate", gate}, {"scans", ScanLog(scans)}});
}

Response CheckInStats(HttpClient& client, const json::value& event_id) {
    return client.Get(CheckInPath(event_id));
}

Response Conflicts(HttpClient& client, const json::value& event_id) {
    return client.Get(CheckInPath(event_id, "/conflicts"));
}

Response Bundle(HttpClient& client, const json::value& event_id,
                std::optional<std::int64_t> since) {
    return client.Get(CheckInPath(event_id, "/bundle") +
                      (since ? "?since=" + std::to_string(*since) : std::string()));
}

GateFigures GateOf(const json::value& stats, std::string_view gate) {
    for (const json::value& line : GetArray(stats, "gates")) {
        if (GetString(line, "gate") == gate) {
            return {GetInt(line, "admitted"), GetInt(line, "double_entries")};
        }
    }
    return {};
}

std::int64_t ZoneAdmitted(const json::value& stats, std::string_view zone_id) {
    for (const json::value& line : GetArray(stats, "zones")) {
        if (GetString(line, "zone_id") == zone_id) return GetInt(line, "admitted");
    }
    return -1;
}

std::vector<std::string> Strings(const json::value& value, std::string_view key) {
    std::vector<std::string> strings;
    for (const json::value& item : GetArray(value, key)) {
        if (item.is_string()) strings.emplace_back(item.as_string());
    }
    return strings;
}

std::string FlipCharacter(std::string payload, std::size_t index) {
    if (index < payload.size()) payload[index] = payload[index] == 'A' ? 'B' : 'A';
    return payload;
}

}  // namespace tix::test
