// End-to-end tests of the waiting room at work (issue 8): the pre-queue and its auditable draw
// (reproduced here from the published seed by the test's own SHA-256), first come first served
// behind it, admissions that let a user buy and end with the payment or the deadline, the
// outflow limits, sold_out, pausing, and a restart that keeps every position and admission.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "support/queue_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

class QueueFlow : public QueueTest {
  protected:
    // After a restart (a new port): each user's client again, with the token it had.
    void Reconnect(std::vector<TestUser>& users) {
        for (TestUser& user : users) {
            const std::string token = user.client->token();
            user.client = server().NewClient();
            user.client->set_token(token);
        }
    }
};

// Entry ids of the published draw, rank 1 first, following next_after with pages of `limit`.
std::vector<std::uint64_t> PublishedDraw(HttpClient& client, const json::value& event_id,
                                         int limit) {
    std::vector<std::uint64_t> entries;
    std::string query = "?limit=" + std::to_string(limit);
    for (int page = 0; page < 100; ++page) {
        const Response draw = QueueDraw(client, event_id, query);
        EXPECT_EQ(draw.status, 200) << draw;
        if (draw.status != 200) break;
        for (const json::value& row : GetArray(draw.json, "entries")) {
            EXPECT_EQ(GetInt(row, "rank"), static_cast<std::int64_t>(entries.size()) + 1) << draw;
            entries.push_back(static_cast<std::uint64_t>(GetInt(row, "entry_id")));
        }
        const json::value next = Member(draw.json, "next_after");
        if (next.is_null()) break;
        query = "?limit=" + std::to_string(limit) +
                "&after=" + std::to_string(GetInt(draw.json, "next_after"));
    }
    return entries;
}

TEST_F(QueueFlow, ThePreQueueIsDrawnAtSaleStartInAnOrderAnyoneCanReproduce) {
    const json::value event_id = CreateEvent(QueuedDraft(10min, 60, 1));
    std::vector<TestUser> users = JoinUsers(event_id, 8);
    ASSERT_EQ(users.size(), 8u);
    std::map<std::uint64_t, std::size_t> user_of_entry;
    for (std::size_t i = 0; i < users.size(); ++i) {
        const Response me = QueueMe(users[i].http(), event_id);
        EXPECT_EQ(GetString(me.json, "status"), "waiting") << me;
        EXPECT_TRUE(Member(me.json, "position").is_null()) << me;
        user_of_entry[static_cast<std::uint64_t>(GetInt(me.json, "entry_id"))] = i;
    }
    // Before the sale: the commitment, not the seed; no draw yet.
    const Response before = GetQueue(*server().NewClient(), event_id);
    EXPECT_TRUE(Member(before.json, "seed").is_null()) << before;
    const std::string commitment = GetString(before.json, "seed_sha256");
    EXPECT_EQ(GetInt(before.json, "waiting"), 8);
    EXPECT_TRUE(PublishedDraw(*server().NewClient(), event_id, 1000).empty());

    ASSERT_EQ(AdvanceClock(server().admin(), 10 * 60).status, 200);
    const Response after = GetQueue(*server().NewClient(), event_id);
    ASSERT_EQ(after.status, 200) << after;
    const std::optional<std::vector<std::uint8_t>> seed = FromHex(GetString(after.json, "seed"));
    ASSERT_TRUE(seed && seed->size() == 32) << after;
    EXPECT_EQ(Hex(Sha256Of(std::string(seed->begin(), seed->end()))), commitment)
        << "the seed is the one committed to before the sale";
    EXPECT_EQ(GetString(after.json, "seed_sha256"), commitment);

    // The published draw, in pages of 3, is the documented function of the seed and the entries.
    const std::vector<std::uint64_t> published = PublishedDraw(*server().NewClient(), event_id, 3);
    std::vector<std::uint64_t> entry_ids;
    for (const auto& [entry, user] : user_of_entry) entry_ids.push_back(entry);
    ASSERT_EQ(published, ReproduceDraw(*seed, entry_ids));

    // Rank 1 shops first (active_max 1); everyone else waits at the position of their rank.
    for (std::size_t rank = 1; rank <= published.size(); ++rank) {
        TestUser& user = users[user_of_entry[published[rank - 1]]];
        const Response me = QueueMe(user.http(), event_id);
        EXPECT_EQ(GetInt(me.json, "draw_rank"), static_cast<std::int64_t>(rank)) << me;
        if (rank == 1) {
            EXPECT_EQ(GetString(me.json, "status"), "admitted") << me;
            EXPECT_TRUE(GetTime(me.json, "admission_expires_at").has_value()) << me;
        } else {
            EXPECT_EQ(GetString(me.json, "status"), "waiting") << me;
            EXPECT_EQ(GetInt(me.json, "position"), static_cast<std::int64_t>(rank - 1)) << me;
            EXPECT_EQ(GetInt(me.json, "ahead"), static_cast<std::int64_t>(rank - 2)) << me;
        }
    }
    // poll_after grows with the position.
    const std::int64_t near =
        GetInt(QueueMe(users[user_of_entry[published[1]]].http(), event_id).json, "poll_after_ms");
    const std::int64_t far =
        GetInt(QueueMe(users[user_of_entry[published[7]]].http(), event_id).json, "poll_after_ms");
    EXPECT_LT(near, far);

    // A join after the sale started lines up behind the whole pre-queue.
    std::vector<TestUser> late = JoinUsers(event_id, 1);
    ASSERT_EQ(late.size(), 1u);
    const Response me = QueueMe(late[0].http(), event_id);
    EXPECT_EQ(GetInt(me.json, "position"), 8) << me;
    EXPECT_TRUE(Member(me.json, "draw_rank").is_null()) << me;
    EXPECT_EQ(PublishedDraw(*server().NewClient(), event_id, 1000).size(), 8u);
}

TEST_F(QueueFlow, OnlyAnAdmittedUserBuysAndPayingGivesThePlaceToTheNext) {
    const json::value event_id = CreateEvent(QueuedDraft(-1h, 60, 1));
    std::vector<TestUser> users = JoinUsers(event_id, 3);
    ASSERT_EQ(users.size(), 3u);
    TestUser outsider = server().NewUser("outsider");
    ASSERT_EQ(StatusOf(users[0], event_id), "admitted") << "first come, first served";
    EXPECT_EQ(StatusOf(users[1], event_id), "waiting");

    EXPECT_TRUE(IsProblem(Hold(users[1].http(), event_id, kGa, 1), 403, {"not_admitted"}));
    EXPECT_TRUE(IsProblem(Hold(outsider.http(), event_id, kGa, 1), 403, {"not_admitted"}));
    const Response held = Hold(users[0].http(), event_id, kGa, 2);
    ASSERT_EQ(held.status, 201) << held;
    ASSERT_EQ(Confirm(users[0].http(), Member(held.json, "order_id")).status, 200);

    // The admission ended with the payment ("paid"); the next in line is admitted at the next
    // pacing step (60 a minute: a second).
    EXPECT_EQ(StatusOf(users[0], event_id), "paid");
    EXPECT_TRUE(IsProblem(Hold(users[0].http(), event_id, kGa, 1), 403, {"not_admitted"}));
    ASSERT_EQ(AdvanceClock(server().admin(), 1).status, 200);
    EXPECT_EQ(StatusOf(users[1], event_id), "admitted");
    EXPECT_EQ(Hold(users[1].http(), event_id, kGa, 1).status, 201);
    const Response info = GetQueue(*server().NewClient(), event_id);
    EXPECT_EQ(GetInt(info.json, "admitted_total"), 2) << info;
    EXPECT_EQ(GetInt(info.json, "admitted_active"), 1) << info;
    EXPECT_EQ(GetInt(info.json, "waiting"), 1) << info;
    EXPECT_EQ(GetInt(info.json, "outflow_per_minute"), 2) << info;
}

TEST_F(QueueFlow, AnAdmissionExpiresAndTheSeatGoesToTheNextInLine) {
    const json::value event_id = CreateEvent(QueuedDraft(-1h, 60, 1));
    std::vector<TestUser> users = JoinUsers(event_id, 2);
    ASSERT_EQ(users.size(), 2u);
    const Response me = QueueMe(users[0].http(), event_id);
    ASSERT_EQ(GetString(me.json, "status"), "admitted") << me;
    const auto expires_at = GetTime(me.json, "admission_expires_at");
    ASSERT_TRUE(expires_at.has_value());
    EXPECT_NEAR(static_cast<double>((*expires_at - Now()).count()), 60'000.0, 5'000.0)
        << "admission_seconds 60";
    const Response second = QueueMe(users[1].http(), event_id);
    EXPECT_EQ(GetInt(second.json, "position"), 1) << second;
    EXPECT_TRUE(GetInt(second.json, "estimated_wait_seconds") >= 0)
        << "measured outflow: " << second;

    ASSERT_EQ(AdvanceClock(server().admin(), 61).status, 200);
    EXPECT_EQ(StatusOf(users[0], event_id), "expired");
    EXPECT_TRUE(IsProblem(Hold(users[0].http(), event_id, kGa, 1), 403, {"not_admitted"}));
    EXPECT_EQ(StatusOf(users[1], event_id), "admitted");
}

TEST_F(QueueFlow, NeverMoreShoppersThanTicketsAndSoldOutWhenEveryTicketIsSold) {
    EventDraft draft = QueuedDraft(-1h, 600, 10);
    draft.zones = json::array{GaZone("GA", 2)};
    const json::value event_id = CreateEvent(draft);
    std::vector<TestUser> users = JoinUsers(event_id, 4);
    ASSERT_EQ(users.size(), 4u);
    ASSERT_EQ(AdvanceClock(server().admin(), 1).status, 200);  // pacing: 10 a second
    const Response info = GetQueue(*server().NewClient(), event_id);
    EXPECT_EQ(GetInt(info.json, "admitted_active"), 2) << "two tickets, two shoppers: " << info;
    EXPECT_EQ(StatusOf(users[2], event_id), "waiting");

    // Both tickets held: availability 0, but the hold may expire: the others wait.
    const Response held = Hold(users[0].http(), event_id, "GA", 2);
    ASSERT_EQ(held.status, 201) << held;
    EXPECT_EQ(StatusOf(users[2], event_id), "waiting");
    // Paid: nothing available, nothing held: sold out for everyone waiting.
    ASSERT_EQ(Confirm(users[0].http(), Member(held.json, "order_id")).status, 200);
    EXPECT_EQ(StatusOf(users[2], event_id), "sold_out");
    EXPECT_EQ(StatusOf(users[3], event_id), "sold_out");
}

TEST_F(QueueFlow, APausedQueueAdmitsNobodyUntilResumed) {
    const json::value event_id = CreateEvent(QueuedDraft(-1h, 60, 10));
    ASSERT_EQ(PatchQueue(server().admin(), event_id, {.paused = true}).status, 200);
    std::vector<TestUser> users = JoinUsers(event_id, 2);
    ASSERT_EQ(users.size(), 2u);
    ASSERT_EQ(AdvanceClock(server().admin(), 5).status, 200);
    EXPECT_EQ(StatusOf(users[0], event_id), "waiting");
    EXPECT_TRUE(Member(GetQueue(*server().NewClient(), event_id).json, "paused").as_bool());
    ASSERT_EQ(PatchQueue(server().admin(), event_id, {.paused = false}).status, 200);
    EXPECT_EQ(StatusOf(users[0], event_id), "admitted");
}

// Real time: the test clock does not survive a restart, so the queue is one whose sale started
// and whose pacing (1 a minute) holds everyone after the first in line for the whole test.
TEST_F(QueueFlow, ARestartKeepsEveryPositionAndAdmission) {
    const json::value event_id = CreateEvent(QueuedDraft(-1h, 1, 10));
    std::vector<TestUser> users = JoinUsers(event_id, 4);
    ASSERT_EQ(users.size(), 4u);
    std::vector<json::value> before;
    for (TestUser& user : users) before.push_back(QueueMe(user.http(), event_id).json);
    ASSERT_EQ(GetString(before[0], "status"), "admitted");

    for (const bool crash : {false, true}) {
        SCOPED_TRACE(crash ? "after SIGKILL" : "after a graceful stop");
        if (crash) {
            server().Crash();
        } else {
            server().Stop();
        }
        ASSERT_TRUE(server().Restart()) << server().error();
        Reconnect(users);
        for (std::size_t i = 0; i < users.size(); ++i) {
            const Response me = QueueMe(users[i].http(), event_id);
            ASSERT_EQ(me.status, 200) << me;
            for (const char* field : {"status", "entry_id", "position", "admission_expires_at"}) {
                EXPECT_EQ(Member(me.json, field), Member(before[i], field)) << field << " " << me;
            }
        }
    }
    EXPECT_EQ(Hold(users[0].http(), event_id, kGa, 1).status, 201) << "the admission survived";
    EXPECT_TRUE(IsProblem(Hold(users[1].http(), event_id, kGa, 1), 403, {"not_admitted"}));
}

TEST_F(QueueFlow, ThePreQueueSurvivesARestartAndIsDrawnAfterIt) {
    const json::value event_id = CreateEvent(QueuedDraft(10min, 60, 1));
    std::vector<TestUser> users = JoinUsers(event_id, 3);
    ASSERT_EQ(users.size(), 3u);
    const std::string commitment =
        GetString(GetQueue(*server().NewClient(), event_id).json, "seed_sha256");
    server().Stop();
    ASSERT_TRUE(server().Restart()) << server().error();
    Reconnect(users);
    for (TestUser& user : users) EXPECT_EQ(StatusOf(user, event_id), "waiting");
    ASSERT_EQ(AdvanceClock(server().admin(), 10 * 60).status, 200);
    const Response info = GetQueue(*server().NewClient(), event_id);
    EXPECT_EQ(GetString(info.json, "seed_sha256"), commitment);
    EXPECT_EQ(GetInt(info.json, "draw_size"), 3) << info;
    EXPECT_EQ(GetInt(info.json, "admitted_active"), 1) << info;
}

}  // namespace
}  // namespace tix::test
