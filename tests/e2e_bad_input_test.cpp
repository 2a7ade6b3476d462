// End-to-end tests of bad input: every malformed, out-of-range, unknown or oversized request gets
// a 4xx application/problem+json answer with a `status` and a `code`, and changes nothing (the
// seat map and the user's orders are compared before and after). Also routing errors.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

constexpr std::size_t kBodyBytesMax = 64 * 1024;

class BadInput : public TixTest {
  protected:
    void SetUp() override {
        TixTest::SetUp();
        if (HasFatalFailure()) return;
        EventDraft draft = StandardEventDraft();
        draft.zones.push_back(SeatedZone("VIP", {{"A", 4}}, 9'000));
        event_id_ = CreateEvent(draft);
        ASSERT_FALSE(event_id_.is_null());
        user_ = server().NewUser("fuzzer");
        ASSERT_TRUE(user_.ok());
        // Something held already, so "unchanged" covers held seats too.
        ASSERT_EQ(HoldSeats(user_.http(), event_id_, {"INF-A-6"}).status, 201);
        baseline_ = Snapshot();
    }

    // Everything a bad request must not change: the full seat map and the user's orders.
    std::string Snapshot() {
        const Response availability = Availability(server().admin(), event_id_, true);
        EXPECT_EQ(availability.status, 200) << availability;
        std::string orders;
        for (const json::value& order : ListAllMyOrders(user_.http())) {
            orders += json::serialize(order) + "\n";
        }
        return json::serialize(availability.json) + "\n" + orders;
    }
    void ExpectUnchanged(const std::string& what) {
        EXPECT_EQ(Snapshot(), baseline_) << "changed by: " << what;
    }
    // A raw order body with $E standing for the event id.
    std::string Body(std::string text) const {
        const std::string id = json::serialize(event_id_);
        for (std::size_t at = text.find("$E"); at != std::string::npos; at = text.find("$E")) {
            text.replace(at, 2, id);
        }
        return text;
    }

    json::value event_id_;
    TestUser user_;
    std::string baseline_;
};

struct BadOrder {
    std::string body;
    int status;
    std::set<std::string> codes;  // empty: any code
};

TEST_F(BadInput, MalformedOrWrongOrderBodiesAreRefusedAndChangeNothing) {
    // Where the contract does not pin the code (a wrong type for quantity is both a bad field and
    // a bad quantity), either is accepted; the status is always pinned.
    const std::set<std::string> bad_quantity{"invalid_quantity", "invalid_field"};
    const std::vector<BadOrder> cases{
        {R"({"event_id": $E, "zone_id": "GA", "quantity": 2)", 400, {}},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": 2}})", 400, {}},
        {R"(quantity=2&zone_id=GA)", 400, {}},
        {R"()", 400, {}},
        {R"([{"event_id": $E, "zone_id": "GA", "quantity": 2}])", 400, {}},
        {R"(null)", 400, {}},
        {R"("GA")", 400, {}},
        {R"({})", 400, {"invalid_field"}},
        {R"({"zone_id": "GA", "quantity": 2})", 400, {"invalid_field"}},
        {R"({"event_id": $E, "quantity": 2})", 400, {"invalid_field"}},
        {R"({"event_id": $E, "zone_id": "GA"})", 400, bad_quantity},
        {R"({"event_id": true, "zone_id": "GA", "quantity": 2})", 400, {"invalid_field"}},
        {R"({"event_id": [$E], "zone_id": "GA", "quantity": 2})", 400, {"invalid_field"}},
        {R"({"event_id": $E, "zone_id": 5, "quantity": 2})", 400, {"invalid_field"}},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": 2, "allow_split": "yes"})",
         400,
         {"invalid_field"}},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": 0})", 400, {"invalid_quantity"}},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": 9})", 400, {"invalid_quantity"}},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": -1})", 400, {"invalid_quantity"}},
        {R"({"event_id": $E, "zone_id": "INF", "quantity": 0})", 400, {"invalid_quantity"}},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": 9223372036854775808})", 400,
         bad_quantity},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": 18446744073709551617})", 400,
         bad_quantity},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": -9223372036854775808})", 400,
         bad_quantity},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": 1.5})", 400, bad_quantity},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": "2"})", 400, bad_quantity},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": null})", 400, bad_quantity},
        {R"({"event_id": $E, "zone_id": "GA", "quantity": 1e400})", 400, {}},
        {R"({"event_id": $E, "seats": "INF-A-1"})", 400, {"invalid_field"}},
        {R"({"event_id": $E, "seats": [1, 2]})", 400, {"invalid_field"}},
        {R"({"event_id": $E, "seats": []})", 400, bad_quantity},
        {R"({"event_id": $E, "seats": ["INF-A-1", "INF-A-1"]})", 400, {"duplicate_seat"}},
        {R"({"event_id": $E, "seats": ["INF-A-1", "VIP-A-1"]})", 400, {"seats_span_zones"}},
        {R"({"event_id": 987654321, "zone_id": "GA", "quantity": 2})", 404, {"unknown_event"}},
        {R"({"event_id": 987654321, "seats": ["INF-A-1"]})", 404, {"unknown_event"}},
        {R"({"event_id": $E, "zone_id": "NOPE", "quantity": 2})", 404, {"unknown_zone"}},
        {R"({"event_id": $E, "seats": ["INF-Z-1"]})", 404, {"unknown_seat"}},
        {R"({"event_id": $E, "seats": ["INF-A-12"]})", 404, {"unknown_seat"}},
        {R"({"event_id": $E, "seats": ["INF-A-0"]})", 404, {"unknown_seat"}},
        {R"({"event_id": $E, "seats": ["INF-A-1", "INF-A-99"]})", 404, {"unknown_seat"}},
        {R"({"event_id": $E, "seats": ["NOPE-A-1"]})", 404, {"unknown_seat", "unknown_zone"}},
        {R"({"event_id": $E, "seats": ["INF-A-1", "INF-A-2", "INF-A-3", "INF-A-4", "INF-A-5",
            "INF-A-7", "INF-A-8", "INF-A-9", "INF-A-10"]})",
         400,
         {"invalid_quantity"}},
    };
    for (const BadOrder& c : cases) {
        const std::string body = Body(c.body);
        const Response response = user_.http().RequestRaw("POST", "/api/v1/orders", body);
        EXPECT_TRUE(IsProblem(response, c.status, c.codes)) << "body: " << body;
        ExpectUnchanged(body);
    }
}

TEST_F(BadInput, BodyOver64KiBIs413AndABodyOfExactly64KiBIsServed) {
    // JSON allows whitespace before the closing brace: pad a valid order to the exact size.
    auto padded = [&](std::size_t size) {
        std::string body = Body(R"({"event_id": $E, "zone_id": "GA", "quantity": 1)");
        body.append(size - body.size() - 1, ' ');
        return body + "}";
    };
    const Response too_big =
        user_.http().RequestRaw("POST", "/api/v1/orders", padded(kBodyBytesMax + 1));
    EXPECT_TRUE(IsProblem(too_big, 413, {"payload_too_large"}));
    ExpectUnchanged("a 64 KiB + 1 body");

    const Response at_limit =
        user_.http().RequestRaw("POST", "/api/v1/orders", padded(kBodyBytesMax));
    EXPECT_EQ(at_limit.status, 201) << at_limit;
    EXPECT_EQ(ZoneAvailability(Availability(user_.http(), event_id_).json, kGa).held, 1);
}

TEST_F(BadInput, HugeDeclaredContentLengthIs413WithoutWaitingForTheBody) {
    RawConnection connection(server().port());
    ASSERT_TRUE(connection.connected());
    ASSERT_TRUE(
        connection.Send("POST /api/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Authorization: Bearer " +
                        user_.client->token() +
                        "\r\nContent-Type: application/json\r\n"
                        "Content-Length: 100000000\r\n\r\n{"));
    const RawConnection::ReadResult answer = connection.ReadUntilClosed(std::chrono::seconds(5));
    EXPECT_TRUE(answer.data.starts_with("HTTP/1.1 413")) << answer.data;
    EXPECT_NE(answer.data.find("payload_too_large"), std::string::npos) << answer.data;
    ExpectUnchanged("a 100 MB Content-Length");
}

TEST_F(BadInput, OrdersWithoutAValidTokenAre401AndChangeNothing) {
    auto anonymous = server().NewClient();
    const std::string body = Body(R"({"event_id": $E, "zone_id": "GA", "quantity": 2})");
    for (const std::string& authorization :
         {std::string(), std::string("Bearer garbage"), "Bearer " + user_.client->token() + "x",
          "Token " + user_.client->token()}) {
        Headers headers;
        if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
        EXPECT_TRUE(IsProblem(anonymous->RequestRaw("POST", "/api/v1/orders", body, headers), 401,
                              {"unauthorized"}))
            << "Authorization: " << authorization;
        ExpectUnchanged("Authorization: " + authorization);
    }
}

TEST_F(BadInput, PipelinedRequestsAreAnsweredInOrder) {
    RawConnection connection(server().port());
    ASSERT_TRUE(connection.connected());
    const std::string get_health = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    const std::string get_missing = "GET /api/v1/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    const std::string close =
        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    ASSERT_TRUE(connection.Send(get_health + get_missing + close));
    const RawConnection::ReadResult answer = connection.ReadUntilClosed(std::chrono::seconds(5));
    EXPECT_TRUE(answer.closed) << "Connection: close was not honoured";
    const std::size_t first = answer.data.find("HTTP/1.1 200");
    const std::size_t second = answer.data.find("HTTP/1.1 404");
    const std::size_t third = answer.data.find("HTTP/1.1 200", first + 1);
    EXPECT_EQ(first, 0u) << answer.data;
    EXPECT_NE(second, std::string::npos) << answer.data;
    EXPECT_NE(third, std::string::npos) << answer.data;
    EXPECT_TRUE(first < second && second < third) << answer.data;
}

TEST_F(BadInput, UnknownIdsInPathsAre404) {
    EXPECT_TRUE(IsProblem(user_.http().Get("/api/v1/events/987654321"), 404, {"unknown_event"}));
    EXPECT_TRUE(IsProblem(user_.http().Get("/api/v1/events/not-a-number"), 404,
                          {"unknown_event", "not_found"}));
    EXPECT_TRUE(IsProblem(user_.http().Get("/api/v1/orders/987654321"), 404, {"unknown_order"}));
    EXPECT_TRUE(IsProblem(user_.http().Get("/api/v1/orders/not-a-number"), 404,
                          {"unknown_order", "not_found"}));
    EXPECT_TRUE(IsProblem(user_.http().PostEmpty("/api/v1/orders/987654321/confirm"), 404,
                          {"unknown_order"}));
    ExpectUnchanged("unknown ids");
}

TEST_F(BadInput, NonAdminCreatingAnEventIs403Forbidden) {
    EXPECT_TRUE(IsProblem(user_.http().Post("/api/v1/events", StandardEventDraft().ToJson()), 403,
                          {"forbidden"}));
    const Response list = user_.http().Get("/api/v1/events");
    EXPECT_EQ(GetArray(list.json, "events").size(), 1u) << list;
}

TEST_F(BadInput, UnknownPathIs404NotFound) {
    for (const char* path : {"/api/v1/nothing", "/nothing", "/api/v2/events",
                             "/api/v1/events/x/y/z", "/api/v1/orders/1/nothing"}) {
        EXPECT_TRUE(IsProblem(user_.http().Get(path), 404, {"not_found"})) << path;
    }
    ExpectUnchanged("unknown paths");
}

TEST_F(BadInput, WrongMethodIs405MethodNotAllowed) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"DELETE", "/api/v1/events"},       {"PUT", "/api/v1/orders"},
        {"GET", "/api/v1/auth/login"},      {"POST", "/health"},
        {"GET", "/api/v1/orders/1/cancel"}, {"PATCH", "/api/v1/events/1"},
    };
    for (const auto& [method, path] : cases) {
        const Response response = user_.http().Request(method, path);
        EXPECT_TRUE(IsProblem(response, 405, {"method_not_allowed"})) << method << " " << path;
        // RFC 9110 15.5.6: a 405 MUST carry Allow (a demanding reading; the issue is silent).
        EXPECT_FALSE(response.Header("Allow").empty()) << "no Allow header: " << response;
    }
    ExpectUnchanged("wrong methods");
}

TEST_F(BadInput, BadInputDoesNotCostTheConnection) {
    // A refused request on a keep-alive connection leaves it usable for the next one.
    auto client = server().NewClient();
    client->set_token(user_.client->token());
    ASSERT_EQ(client->RequestRaw("POST", "/api/v1/orders", "{").status, 400);
    ASSERT_EQ(client->Get("/api/v1/nothing").status, 404);
    ASSERT_EQ(client->Request("DELETE", "/api/v1/events").status, 405);
    EXPECT_EQ(client->Get("/api/v1/auth/me").status, 200);
    EXPECT_EQ(client->connections_opened(), 1);
}

}  // namespace
}  // namespace tix::test
