// End-to-end: a ban reaches the waiting room and the holds (issue 8 §3). The banned account's
// token stops at once, its held order is cancelled and its seats go back on sale, its place in
// the line goes to the next, and all of that survives a restart.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "support/queue_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

class QueueBan : public QueueTest {
  protected:
    Response Ban(const json::value& user_id) {
        return server().admin().PostEmpty("/api/v1/admin/users/" +
                                          std::to_string(user_id.as_int64()) + "/ban");
    }
    std::int64_t AvailableGa(const json::value& event_id) {
        const Response availability = Availability(*server().NewClient(), event_id);
        EXPECT_EQ(availability.status, 200) << availability;
        return ZoneAvailability(availability.json, kGa).available;
    }
};

TEST_F(QueueBan, ABannedShoppersHoldIsCancelledAndItsPlaceGoesToTheNext) {
    const json::value event_id = CreateEvent(QueuedDraft(-1h, 60, 1));
    std::vector<TestUser> users = JoinUsers(event_id, 2);
    ASSERT_EQ(users.size(), 2u);
    ASSERT_EQ(StatusOf(users[0], event_id), "admitted");
    ASSERT_EQ(StatusOf(users[1], event_id), "waiting");
    const std::int64_t available = AvailableGa(event_id);
    const Response held = Hold(users[0].http(), event_id, kGa, 2);
    ASSERT_EQ(held.status, 201) << held;
    EXPECT_EQ(AvailableGa(event_id), available - 2);

    const Response banned = Ban(users[0].user_id);
    ASSERT_EQ(banned.status, 200) << banned;

    EXPECT_EQ(QueueMe(users[0].http(), event_id).status, 401) << "its token stops at once";
    const Response order = GetOrder(server().admin(), Member(held.json, "order_id"));
    ASSERT_EQ(order.status, 200) << order;
    EXPECT_EQ(GetString(order.json, "status"), "cancelled") << order;
    EXPECT_EQ(AvailableGa(event_id), available) << "the seats are back on sale";
    const Response info = GetQueue(*server().NewClient(), event_id);
    EXPECT_EQ(GetInt(info.json, "admitted_active"), 0) << info;
    // The place it left goes to the next in line at the next pacing step (60 a minute).
    ASSERT_EQ(AdvanceClock(server().admin(), 1).status, 200);
    EXPECT_EQ(StatusOf(users[1], event_id), "admitted");

    // Banned twice: the same answer, nothing more to remove.
    EXPECT_EQ(Ban(users[0].user_id).status, 200);
}

TEST_F(QueueBan, AWaitingBannedUserLeavesTheLineAndStaysOutAfterARestart) {
    const json::value event_id = CreateEvent(QueuedDraft(-1h, 60, 1));
    std::vector<TestUser> users = JoinUsers(event_id, 3);
    ASSERT_EQ(users.size(), 3u);
    const Response before = QueueMe(users[2].http(), event_id);
    ASSERT_EQ(GetInt(before.json, "position"), 2) << before;

    ASSERT_EQ(Ban(users[1].user_id).status, 200);
    const Response after = QueueMe(users[2].http(), event_id);
    EXPECT_EQ(GetInt(after.json, "position"), 1) << "the banned user's place is gone: " << after;
    EXPECT_EQ(GetInt(GetQueue(*server().NewClient(), event_id).json, "waiting"), 1);

    const std::string token = users[2].http().token();
    server().Stop();
    ASSERT_TRUE(server().Restart()) << server().error();
    const Response info = GetQueue(*server().NewClient(), event_id);
    EXPECT_EQ(GetInt(info.json, "waiting"), 1) << "the removal was durable: " << info;
    auto third = server().NewClient();
    third->set_token(token);
    EXPECT_EQ(GetInt(QueueMe(*third, event_id).json, "position"), 1);
}

}  // namespace
}  // namespace tix::test
