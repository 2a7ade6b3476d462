// GET /api/v1/events/{id}/availability?seats=true is rendered once per change of the event: the
// same bytes while nothing changes, new states right after a change.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

using AvailabilityBody = TixTest;

TEST_F(AvailabilityBody, SameBytesUntilTheEventChangesThenTheNewStates) {
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    TestUser user = server().NewUser();
    ASSERT_TRUE(user.ok());
    const std::string row_a(kRowSeats, 'A');

    const Response first = Availability(user.http(), event_id, true);
    const Response again = Availability(server().admin(), event_id, true);
    ASSERT_EQ(first.status, 200) << first;
    ASSERT_EQ(again.status, 200) << again;
    EXPECT_EQ(first.body, again.body);
    EXPECT_EQ(RowStates(first.json, kInf, "A"), row_a);

    const Response held = HoldSeats(user.http(), event_id, {SeatId(kInf, "A", 1)});
    ASSERT_EQ(held.status, 201) << held;
    const Response after_hold = Availability(user.http(), event_id, true);
    ASSERT_EQ(after_hold.status, 200) << after_hold;
    EXPECT_NE(after_hold.body, first.body);
    EXPECT_EQ(RowStates(after_hold.json, kInf, "A"), "H" + row_a.substr(1));
    EXPECT_EQ(ZoneAvailability(after_hold.json, kInf).held, 1);
    EXPECT_EQ(Availability(user.http(), event_id, true).body, after_hold.body);

    // Without seats: its own body, which changes with the counts too.
    const Response counts = Availability(user.http(), event_id, false);
    ASSERT_EQ(counts.status, 200) << counts;
    EXPECT_TRUE(RowStates(counts.json, kInf, "A").empty());
    const Response confirmed = Confirm(user.http(), Member(held.json, "order_id"));
    ASSERT_EQ(confirmed.status, 200) << confirmed;
    const Response paid = Availability(user.http(), event_id, true);
    EXPECT_EQ(RowStates(paid.json, kInf, "A"), "S" + row_a.substr(1));
    EXPECT_EQ(ZoneAvailability(paid.json, kInf).sold, 1);
    EXPECT_NE(Availability(user.http(), event_id, false).body, counts.body);
}

}  // namespace
}  // namespace tix::test
