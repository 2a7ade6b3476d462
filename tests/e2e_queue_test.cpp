// End-to-end tests of the waiting room's surface (issue 8): the queue object of POST /events and
// PATCH, the challenge, the join and its proof of work, the user's status, and every refusal
// with its code, against a real tixd over HTTP.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/queue_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

class QueueApi : public QueueTest {
  protected:
    void SetUp() override {
        QueueTest::SetUp();
        if (HasFatalFailure()) return;
        event_id_ = CreateEvent(QueuedDraft(10min, 60, 10));
        ASSERT_FALSE(event_id_.is_null());
        alice_ = server().NewUser("alice");
        bob_ = server().NewUser("bob");
        ASSERT_TRUE(alice_.ok() && bob_.ok());
    }

    // A fresh challenge for `user`, and a nonce that solves it.
    std::pair<std::string, std::string> Solved(TestUser& user, const json::value& event_id) {
        const Response challenge = GetChallenge(user.http(), event_id);
        EXPECT_EQ(challenge.status, 200) << challenge;
        const std::string text = GetString(challenge.json, "challenge");
        return {text, SolvePow(text, static_cast<unsigned>(GetInt(challenge.json, "bits")))};
    }

    json::value event_id_;
    TestUser alice_;
    TestUser bob_;
};

TEST_F(QueueApi, AnEventCarriesItsQueueAndTheQueueIsPublic) {
    const Response event = server().NewClient()->Get("/api/v1/events/" + IdText(event_id_));
    ASSERT_EQ(event.status, 200) << event;
    const json::value queue = Member(event.json, "queue");
    EXPECT_EQ(GetInt(queue, "pow_bits"), kTestPowBits);
    EXPECT_EQ(GetInt(queue, "admit_per_minute"), 60);
    EXPECT_EQ(GetInt(queue, "admission_seconds"), 60);
    EXPECT_EQ(Find(queue, "seed"), nullptr) << "the seed is secret until sale start";

    const Response info = GetQueue(*server().NewClient(), event_id_);
    ASSERT_EQ(info.status, 200) << info;
    for (const char* field : {"waiting", "admitted_active", "admitted_total", "outflow_per_minute",
                              "seed_sha256", "seed", "paused"}) {
        EXPECT_NE(Find(info.json, field), nullptr) << field << " in " << info;
    }
    EXPECT_EQ(GetInt(info.json, "waiting"), 0);
    EXPECT_TRUE(Member(info.json, "seed").is_null()) << info;
    EXPECT_EQ(GetString(info.json, "seed_sha256").size(), 64u);
    EXPECT_FALSE(Member(info.json, "paused").as_bool());

    // An event without a queue says so.
    const json::value plain = CreateEvent();
    const Response event_plain = server().NewClient()->Get("/api/v1/events/" + IdText(plain));
    EXPECT_TRUE(Member(event_plain.json, "queue").is_null()) << event_plain;
}

TEST_F(QueueApi, TheQueueObjectIsValidated) {
    // One instant for both sides: two reads of the clock a millisecond apart made "opens_at at
    // sale_starts_at" an opens_at just before it, which is valid.
    const TimePoint sale_starts_at = Now() + 1h;
    auto create = [&](json::object queue) {
        EventDraft draft = StandardEventDraft();
        draft.sale_starts_at = sale_starts_at;
        draft.queue = std::move(queue);
        return server().admin().Post("/api/v1/events", draft.ToJson());
    };
    const std::string opens = Rfc3339(Now());
    EXPECT_TRUE(
        IsProblem(create({{"opens_at", Rfc3339(sale_starts_at + 1h)}}), 400, {"invalid_field"}))
        << "opens_at after sale_starts_at";
    EXPECT_TRUE(IsProblem(create({{"opens_at", Rfc3339(sale_starts_at)}}), 400, {"invalid_field"}))
        << "opens_at at sale_starts_at";
    EXPECT_TRUE(IsProblem(create({{"admit_per_minute", 10}}), 400, {"invalid_field"}))
        << "opens_at is required";
    for (const auto& [field, value] :
         std::vector<std::pair<std::string, json::value>>{{"admit_per_minute", 0},
                                                          {"admit_per_minute", 1'000'001},
                                                          {"active_max", 0},
                                                          {"active_max", 1'000'001},
                                                          {"admission_seconds", 59},
                                                          {"admission_seconds", 3'601},
                                                          {"pow_bits", -1},
                                                          {"pow_bits", 33},
                                                          {"paused", "no"},
                                                          {"typo", 1}}) {
        const Response refused = create({{"opens_at", opens}, {field, value}});
        EXPECT_TRUE(IsProblem(refused, 400, {"invalid_field"})) << field << "=" << value;
        EXPECT_NE(GetString(refused.json, "detail").find(field), std::string::npos) << refused;
    }
    const Response limits = create({{"opens_at", opens},
                                    {"admit_per_minute", 1'000'000},
                                    {"active_max", 1},
                                    {"admission_seconds", 3'600},
                                    {"pow_bits", 32},
                                    {"paused", true}});
    EXPECT_EQ(limits.status, 201) << limits;
}

TEST_F(QueueApi, EveryQueueRouteOfAnEventWithoutAQueueIsNoQueue) {
    const json::value plain = CreateEvent();
    const auto [challenge, nonce] = Solved(alice_, event_id_);
    EXPECT_TRUE(IsProblem(GetQueue(alice_.http(), plain), 404, {"no_queue"}));
    EXPECT_TRUE(IsProblem(GetChallenge(alice_.http(), plain), 404, {"no_queue"}));
    EXPECT_TRUE(IsProblem(JoinQueue(alice_.http(), plain, challenge, nonce), 404, {"no_queue"}));
    EXPECT_TRUE(IsProblem(JoinQueue(alice_.http(), plain, "junk", "1"), 404, {"no_queue"}));
    EXPECT_TRUE(IsProblem(QueueMe(alice_.http(), plain), 404, {"no_queue"}));
    EXPECT_TRUE(IsProblem(QueueDraw(alice_.http(), plain), 404, {"no_queue"}));
    EXPECT_TRUE(IsProblem(GetQueue(alice_.http(), json::value(9'999)), 404, {"unknown_event"}));
    EXPECT_TRUE(IsProblem(QueueMe(alice_.http(), json::value("x")), 404, {"unknown_event"}));
}

TEST_F(QueueApi, AChallengeIsBoundToItsUserAndEventAndExpiresInMinutes) {
    const Response challenge = GetChallenge(alice_.http(), event_id_);
    ASSERT_EQ(challenge.status, 200) << challenge;
    EXPECT_EQ(GetInt(challenge.json, "bits"), kTestPowBits);
    const auto expires_at = GetTime(challenge.json, "expires_at");
    ASSERT_TRUE(expires_at.has_value()) << challenge;
    EXPECT_GT(*expires_at, Now() + 1min);
    EXPECT_LE(*expires_at, Now() + 10min);
    EXPECT_TRUE(IsProblem(GetChallenge(*server().NewClient(), event_id_), 401, {"unauthorized"}));

    const std::string text = GetString(challenge.json, "challenge");
    const std::string nonce = SolvePow(text, kTestPowBits);
    // Not bob's, not another event's.
    EXPECT_TRUE(IsProblem(JoinQueue(bob_.http(), event_id_, text, nonce), 403, {"pow_invalid"}));
    const json::value other = CreateEvent(QueuedDraft(10min, 60, 10));
    EXPECT_TRUE(IsProblem(JoinQueue(alice_.http(), other, text, nonce), 403, {"pow_invalid"}));
    // Altered: one character of the signed text.
    std::string altered = text;
    altered[10] = altered[10] == 'A' ? 'B' : 'A';
    EXPECT_TRUE(IsProblem(JoinQueue(alice_.http(), event_id_, altered, SolvePow(altered, 4)), 403,
                          {"pow_invalid"}));
    // Expired.
    ASSERT_EQ(AdvanceClock(server().admin(), 5 * 60 + 1).status, 200);
    EXPECT_TRUE(IsProblem(JoinQueue(alice_.http(), event_id_, text, nonce), 403, {"pow_invalid"}));
    EXPECT_TRUE(IsProblem(QueueMe(alice_.http(), event_id_), 404, {"not_in_queue"}));
}

TEST_F(QueueApi, TheProofMustHaveTheLeadingZeroBitsAndANonceOf1To64Characters) {
    const auto [challenge, nonce] = Solved(alice_, event_id_);
    // A nonce that fails the proof (found by the test's own SHA-256).
    std::string wrong;
    for (int n = 0; wrong.empty(); ++n) {
        const std::string candidate = "w" + std::to_string(n);
        if (!LeadingZeros(Sha256Of(challenge, candidate), kTestPowBits)) wrong = candidate;
    }
    EXPECT_TRUE(
        IsProblem(JoinQueue(alice_.http(), event_id_, challenge, wrong), 403, {"pow_invalid"}));
    EXPECT_TRUE(
        IsProblem(JoinQueue(alice_.http(), event_id_, challenge, ""), 403, {"pow_invalid"}));
    EXPECT_TRUE(IsProblem(JoinQueue(alice_.http(), event_id_, challenge, std::string(65, '7')), 403,
                          {"pow_invalid"}));
    EXPECT_TRUE(IsProblem(alice_.http().Post(QueuePath(event_id_), json::object{{"nonce", "1"}}),
                          400, {"invalid_field"}));
    EXPECT_TRUE(
        IsProblem(alice_.http().Post(QueuePath(event_id_), json::object{{"challenge", challenge}}),
                  400, {"invalid_field"}));

    // 64 characters, multi-byte ones included (128 bytes here), are a nonce.
    std::string long_nonce;
    for (int n = 0; long_nonce.empty(); ++n) {
        std::string candidate = std::to_string(n);
        for (std::size_t chars = candidate.size(); chars < 64; ++chars) candidate += "\xc3\xa9";
        if (LeadingZeros(Sha256Of(challenge, candidate), kTestPowBits)) long_nonce = candidate;
    }
    const Response joined = JoinQueue(alice_.http(), event_id_, challenge, long_nonce);
    EXPECT_EQ(joined.status, 201) << joined;
}

TEST_F(QueueApi, TheFirstJoinIs201AndEveryLaterOneFindsTheSameEntry) {
    const auto [challenge, nonce] = Solved(alice_, event_id_);
    const Response first = JoinQueue(alice_.http(), event_id_, challenge, nonce);
    ASSERT_EQ(first.status, 201) << first;
    EXPECT_EQ(GetString(first.json, "status"), "waiting");
    EXPECT_TRUE(Member(first.json, "position").is_null()) << "the pre-queue has no positions";
    EXPECT_TRUE(Member(first.json, "ahead").is_null());
    EXPECT_TRUE(Member(first.json, "estimated_wait_seconds").is_null());
    EXPECT_TRUE(Member(first.json, "admission_expires_at").is_null());
    EXPECT_GT(GetInt(first.json, "poll_after_ms"), 0);

    // The same proof again (a retry after a lost answer) and a fresh one: the same entry.
    const Response retried = JoinQueue(alice_.http(), event_id_, challenge, nonce);
    EXPECT_EQ(retried.status, 200) << retried;
    const Response again = SolveAndJoin(alice_.http(), event_id_);
    EXPECT_EQ(again.status, 200) << again;
    EXPECT_EQ(GetInt(again.json, "entry_id"), GetInt(first.json, "entry_id"));
    const Response info = GetQueue(alice_.http(), event_id_);
    EXPECT_EQ(GetInt(info.json, "waiting"), 1) << "one entry per account";

    const Response me = QueueMe(alice_.http(), event_id_);
    ASSERT_EQ(me.status, 200) << me;
    EXPECT_EQ(GetString(me.json, "status"), "waiting");
    EXPECT_TRUE(IsProblem(QueueMe(bob_.http(), event_id_), 404, {"not_in_queue"}));
    EXPECT_TRUE(IsProblem(QueueMe(*server().NewClient(), event_id_), 401, {"unauthorized"}));
}

TEST_F(QueueApi, NobodyJoinsBeforeTheQueueOpens) {
    EventDraft draft = QueuedDraft(2h, 60, 10);
    draft.queue = QueueDraft{.opens_at = Now() + 10min, .pow_bits = kTestPowBits}.ToJson();
    const json::value later = CreateEvent(draft);
    EXPECT_TRUE(IsProblem(SolveAndJoin(alice_.http(), later), 403, {"queue_not_open"}));
    ASSERT_EQ(AdvanceClock(server().admin(), 10 * 60).status, 200);
    EXPECT_EQ(SolveAndJoin(alice_.http(), later).status, 201);
}

TEST_F(QueueApi, AnAdminChangesTheQueueLiveButNotItsScheduleOnceOpen) {
    QueueDraft change{.active_max = 3, .pow_bits = 6, .paused = true};
    EXPECT_TRUE(IsProblem(PatchQueue(alice_.http(), event_id_, change), 403, {"forbidden"}));
    const Response patched = PatchQueue(server().admin(), event_id_, change);
    ASSERT_EQ(patched.status, 200) << patched;
    EXPECT_EQ(GetInt(patched.json, "active_max"), 3);
    EXPECT_EQ(GetInt(patched.json, "pow_bits"), 6);
    EXPECT_TRUE(Member(patched.json, "paused").as_bool());
    EXPECT_EQ(GetInt(patched.json, "admit_per_minute"), 60) << "unchanged";
    EXPECT_EQ(GetInt(GetChallenge(alice_.http(), event_id_).json, "bits"), 6);
    const std::string seed_sha256 = GetString(patched.json, "seed_sha256");
    EXPECT_EQ(GetString(GetQueue(alice_.http(), event_id_).json, "seed_sha256"), seed_sha256);

    EXPECT_TRUE(IsProblem(PatchQueue(server().admin(), event_id_, {.opens_at = Now() - 2min}), 409,
                          {"queue_schedule_fixed"}));
    EXPECT_TRUE(IsProblem(PatchQueue(server().admin(), event_id_, {.opens_at = Now() + 1h}), 400,
                          {"invalid_field"}));
    EXPECT_TRUE(IsProblem(PatchQueue(server().admin(), event_id_, {.pow_bits = 33}), 400,
                          {"invalid_field"}));
    EXPECT_TRUE(IsProblem(PatchQueue(server().admin(), json::value(9'999), {.pow_bits = 3}), 404,
                          {"unknown_event"}));

    // An event without a queue gets one by PATCH, which needs opens_at.
    const json::value plain = CreateEvent();
    EXPECT_TRUE(
        IsProblem(PatchQueue(server().admin(), plain, {.pow_bits = 3}), 400, {"invalid_field"}));
    const Response created =
        PatchQueue(server().admin(), plain, {.opens_at = Now() - 2h, .pow_bits = 3});
    EXPECT_EQ(created.status, 201) << created;
    EXPECT_EQ(GetInt(GetQueue(alice_.http(), plain).json, "pow_bits"), 3);
}

}  // namespace
}  // namespace tix::test
