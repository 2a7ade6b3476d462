#include "queue_user_policy.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

using std::chrono::milliseconds;

StatusAnswer Status(std::string status, milliseconds poll_after = milliseconds(5'000)) {
    return {.status = std::move(status), .entry_id = 1, .poll_after = poll_after};
}

TEST(QueueUserPolicy, HumansPollWhenToldAndBotsAtOnce) {
    const Decision human = AfterStatus(UserKind::kHuman, Status("waiting", milliseconds(7'500)));
    EXPECT_EQ(human.move, Move::kPoll);
    EXPECT_EQ(human.delay, milliseconds(7'500));
    const Decision bot = AfterStatus(UserKind::kBot, Status("waiting", milliseconds(7'500)));
    EXPECT_EQ(bot.move, Move::kPoll);
    EXPECT_EQ(bot.delay, milliseconds(0));
}

TEST(QueueUserPolicy, AdmittedBuysAndEveryEndStops) {
    EXPECT_EQ(AfterStatus(UserKind::kHuman, Status("admitted")).move, Move::kBuy);
    EXPECT_EQ(AfterStatus(UserKind::kBot, Status("admitted")).move, Move::kBuy);
    for (const char* end : {"paid", "expired", "sold_out", "removed", "something new"}) {
        EXPECT_EQ(AfterStatus(UserKind::kHuman, Status(end)).move, Move::kStop) << end;
    }
}

TEST(QueueUserPolicy, RetryAfterIsHonouredAndAtLeastASecond) {
    EXPECT_EQ(RetryDelay(std::chrono::seconds(3)), milliseconds(3'000));
    EXPECT_EQ(RetryDelay(std::chrono::seconds(0)), milliseconds(1'000)) << "no header";
}

TEST(QueueUserPolicy, ReadsAStatusAsTixdWritesIt) {
    const auto status = ReadStatus(
        R"({"event_id":2,"entry_id":17,"status":"admitted","position":null,"ahead":null,)"
        R"("estimated_wait_seconds":null,"poll_after_ms":59000,)"
        R"("admission_expires_at":"2026-12-05T10:01:00.250Z","draw_rank":1530})");
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(status->status, "admitted");
    EXPECT_EQ(status->entry_id, 17u);
    EXPECT_EQ(status->poll_after, milliseconds(59'000));
    EXPECT_EQ(status->draw_rank, 1530u);
    ASSERT_TRUE(status->admission_expires_at.has_value());
    EXPECT_EQ(ToUnixMillis(*status->admission_expires_at) % 1000, 250);
    const auto waiting = ReadStatus(
        R"({"entry_id":3,"status":"waiting","poll_after_ms":2000,"admission_expires_at":null,)"
        R"("draw_rank":null})");
    ASSERT_TRUE(waiting.has_value());
    EXPECT_FALSE(waiting->draw_rank.has_value());
    EXPECT_FALSE(waiting->admission_expires_at.has_value());
}

TEST(QueueUserPolicy, RefusesWhatIsNotAStatusOrChallenge) {
    EXPECT_FALSE(ReadStatus(R"({"code":"not_in_queue"})").has_value());
    EXPECT_FALSE(ReadStatus("not json").has_value());
    EXPECT_FALSE(ReadStatus(R"({"entry_id":1,"status":"admitted","poll_after_ms":1,)"
                            R"("admission_expires_at":"yesterday"})")
                     .has_value());
    EXPECT_FALSE(ReadChallenge(R"({"challenge":"abc"})").has_value());
    const auto challenge = ReadChallenge(R"({"challenge":"AQAB","bits":8,"expires_at":"x"})");
    ASSERT_TRUE(challenge.has_value());
    EXPECT_EQ(challenge->challenge, "AQAB");
    EXPECT_EQ(challenge->bits, 8u);
}

TEST(QueueUserPolicy, BuyAttemptsFallBackToTheOtherZoneThenOneTicket) {
    const auto attempts = BuyAttempts(1, 2, 3);
    ASSERT_EQ(attempts.size(), 4u);
    EXPECT_EQ(attempts[0].zone, 1u);
    EXPECT_EQ(attempts[0].quantity, 3u);
    EXPECT_EQ(attempts[1].zone, 0u);
    EXPECT_EQ(attempts[2].quantity, 1u);
    EXPECT_EQ(attempts[3].zone, 0u);
    EXPECT_EQ(BuyAttempts(0, 2, 1).size(), 2u) << "one ticket already: no repeats";
    EXPECT_EQ(BuyAttempts(0, 1, 2).size(), 2u) << "one zone: 2 tickets, then 1";
}

}  // namespace
}  // namespace tix::bench
