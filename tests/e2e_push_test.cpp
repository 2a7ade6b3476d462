// /ws/events/{event_id} against a real tixd: the socket opens with the event's counts, and a hold
// made over REST reaches it as a new availability frame (within the 500 ms push period).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "http/websocket_testing.h"
#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;
using http::test_support::TestWebSocket;

using LiveAvailability = TixTest;

std::string SocketPath(const json::value& event_id, std::string_view query = "") {
    return "/ws/events/" + IdText(event_id) + std::string(query);
}

// The next frame, parsed; null (after a test failure) when none came within the deadline.
json::value NextFrame(TestWebSocket& socket) {
    const std::optional<std::string> text = socket.Read();
    if (!text) {
        ADD_FAILURE() << "no frame: " << socket.error().message();
        return nullptr;
    }
    return json::parse(*text);
}

TEST_F(LiveAvailability, OpensWithTheCountsThenPushesAHoldMadeOverRest) {
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    TestWebSocket socket(server().port());
    const auto upgrade = socket.Handshake(SocketPath(event_id));
    ASSERT_EQ(upgrade.result_int(), 101) << upgrade.body();

    const json::value first = NextFrame(socket);
    EXPECT_EQ(GetString(first, "event"), "availability");
    const json::value data = Member(first, "data");
    EXPECT_EQ(IdText(Member(data, "event_id")), IdText(event_id));
    EXPECT_TRUE(GetTime(data, "timestamp").has_value());
    const ZoneCounts ga = ZoneAvailability(data, kGa);
    EXPECT_EQ(ga.capacity, kGaCapacity);
    EXPECT_EQ(ga.available, kGaCapacity);
    EXPECT_EQ(ga.held, 0);
    // Mirrors GET .../availability: the same zones and counts.
    const Response rest = Availability(server().admin(), event_id);
    ASSERT_EQ(rest.status, 200) << rest;
    EXPECT_EQ(Member(data, "zones"), Member(rest.json, "zones"));

    TestUser user = server().NewUser();
    ASSERT_TRUE(user.ok());
    const Response held = Hold(user.http(), event_id, kGa, 3);
    ASSERT_EQ(held.status, 201) << held;

    // A frame with the hold in it (an earlier tick may first repeat the counts as they were).
    json::value pushed = NextFrame(socket);
    while (!pushed.is_null() && ZoneAvailability(Member(pushed, "data"), kGa).held == 0) {
        pushed = NextFrame(socket);
    }
    ASSERT_FALSE(pushed.is_null());
    const ZoneCounts after = ZoneAvailability(Member(pushed, "data"), kGa);
    EXPECT_EQ(after.held, 3);
    EXPECT_EQ(after.available, kGaCapacity - 3);
    EXPECT_GT(GetInt(Member(pushed, "data"), "version"), GetInt(data, "version"));
}

TEST_F(LiveAvailability, UnknownEventIs404BeforeTheUpgrade) {
    TestWebSocket socket(server().port());
    const auto response = socket.Handshake("/ws/events/999");
    EXPECT_EQ(response.result_int(), 404);
    EXPECT_NE(response.body().find("unknown_event"), std::string::npos) << response.body();
}

TEST_F(LiveAvailability, ATokenIsOptionalButMustBeValid) {
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    TestWebSocket forged(server().port());
    const auto refused = forged.Handshake(SocketPath(event_id, "?token=forged"));
    EXPECT_EQ(refused.result_int(), 401);
    EXPECT_NE(refused.body().find("unauthorized"), std::string::npos) << refused.body();

    TestUser user = server().NewUser();
    ASSERT_TRUE(user.ok());
    TestWebSocket signed_in(server().port());
    const auto accepted =
        signed_in.Handshake(SocketPath(event_id, "?token=" + user.http().token()));
    EXPECT_EQ(accepted.result_int(), 101) << accepted.body();
    EXPECT_EQ(GetString(NextFrame(signed_in), "event"), "availability");
}

TEST_F(LiveAvailability, APlainGetOfTheSocketPathIs426) {
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    EXPECT_TRUE(IsProblem(server().admin().Get(SocketPath(event_id)), 426, {"upgrade_required"}));
}

}  // namespace
}  // namespace tix::test
