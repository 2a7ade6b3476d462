// WaitingRoom: joins, the pre-queue and the draw, positions, statuses, stats, reconfiguration.
// Admissions are in waiting_room_admission_test.cpp, records in waiting_room_restore_test.cpp.
#include "engine/waiting_room.h"

#include <gtest/gtest.h>

#include <vector>

#include "engine/queue_draw.h"
#include "engine/queue_poll.h"
#include "engine/queue_test_support.h"

namespace tix::engine {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using test::JoinFresh;
using test::kOpens;
using test::kPlenty;
using test::kSaleStart;

class WaitingRoomTest : public ::testing::Test {
  protected:
    JoinResult Join(std::uint64_t user, TimePoint now) {
        return JoinFresh(room_, UserId{user}, now);
    }
    QueueView StatusOf(std::uint64_t user, TimePoint now) {
        return room_.Status(UserId{user}, now);
    }
    // Positions of users 1..n at `now`, 0 for none.
    std::vector<std::uint64_t> Positions(std::uint64_t n, TimePoint now) {
        std::vector<std::uint64_t> positions;
        for (std::uint64_t u = 1; u <= n; ++u)
            positions.push_back(StatusOf(u, now).position.value_or(0));
        return positions;
    }

    WaitingRoom room_{EventId{1}, test::TestConfig()};
};

TEST_F(WaitingRoomTest, NobodyJoinsBeforeTheRoomOpens) {
    EXPECT_EQ(Join(1, kOpens - milliseconds(1)).outcome, JoinOutcome::kQueueNotOpen);
    EXPECT_EQ(StatusOf(1, kOpens).status, QueueStatus::kNotJoined);
    EXPECT_EQ(Join(1, kOpens).outcome, JoinOutcome::kJoined);
}

TEST_F(WaitingRoomTest, FirstJoinMakesAnEntryAndEveryLaterJoinFindsIt) {
    const JoinResult first = Join(7, kOpens);
    EXPECT_EQ(first.outcome, JoinOutcome::kJoined);
    EXPECT_EQ(first.entry_id, QueueEntryId{1});
    const JoinResult again = Join(7, kOpens + seconds(5));
    EXPECT_EQ(again.outcome, JoinOutcome::kAlreadyJoined);
    EXPECT_EQ(again.entry_id, first.entry_id);
    EXPECT_EQ(Join(8, kOpens).entry_id, QueueEntryId{2});
    EXPECT_EQ(room_.Stats(kOpens).waiting, 2u);
}

TEST_F(WaitingRoomTest, AChallengeIsUsableOnce) {
    const TimePoint expires = kOpens + minutes(2);
    EXPECT_EQ(room_.Join(UserId{1}, 42, expires, kOpens).outcome, JoinOutcome::kJoined);
    EXPECT_EQ(room_.Join(UserId{2}, 42, expires, kOpens + seconds(1)).outcome,
              JoinOutcome::kChallengeReused);
    EXPECT_EQ(room_.Status(UserId{2}, kOpens).status, QueueStatus::kNotJoined);
    EXPECT_EQ(room_.Join(UserId{2}, 43, expires, kOpens + seconds(1)).outcome,
              JoinOutcome::kJoined);
}

TEST_F(WaitingRoomTest, ARetriedJoinSpendsNoChallenge) {
    const TimePoint expires = kOpens + minutes(2);
    ASSERT_EQ(room_.Join(UserId{1}, 42, expires, kOpens).outcome, JoinOutcome::kJoined);
    EXPECT_EQ(room_.Join(UserId{1}, 50, expires, kOpens).outcome, JoinOutcome::kAlreadyJoined);
    EXPECT_EQ(room_.Join(UserId{2}, 50, expires, kOpens).outcome, JoinOutcome::kJoined);
}

TEST_F(WaitingRoomTest, AnExpiredOrForeignChallengeIsRefused) {
    EXPECT_EQ(room_.Join(UserId{1}, 1, kOpens, kOpens).outcome, JoinOutcome::kChallengeExpired);
    EXPECT_EQ(
        room_.Join(UserId{1}, 1, kOpens + kChallengeLifetimeMax + milliseconds(1), kOpens).outcome,
        JoinOutcome::kChallengeExpired);
    EXPECT_EQ(room_.Join(UserId{1}, 1, kOpens + kChallengeLifetimeMax, kOpens).outcome,
              JoinOutcome::kJoined);
}

TEST_F(WaitingRoomTest, ARemovedAccountCannotJoinAgain) {
    ASSERT_EQ(Join(1, kOpens).outcome, JoinOutcome::kJoined);
    EXPECT_EQ(room_.Remove(UserId{1}), RemoveOutcome::kRemoved);
    const JoinResult again = Join(1, kOpens + seconds(1));
    EXPECT_EQ(again.outcome, JoinOutcome::kRemoved);
    EXPECT_EQ(again.entry_id, QueueEntryId{1});
    EXPECT_EQ(StatusOf(1, kOpens).status, QueueStatus::kRemoved);
    EXPECT_EQ(room_.Remove(UserId{1}), RemoveOutcome::kAlreadyRemoved);
    EXPECT_EQ(room_.Remove(UserId{2}), RemoveOutcome::kNotJoined);
}

TEST_F(WaitingRoomTest, ThePreQueueWaitsWithoutPositionsUntilTheDraw) {
    for (std::uint64_t u = 1; u <= 3; ++u) Join(u, kOpens + minutes(u));
    const TimePoint before = kSaleStart - minutes(1);
    const QueueView view = StatusOf(2, before);
    EXPECT_EQ(view.status, QueueStatus::kWaiting);
    EXPECT_EQ(view.position, std::nullopt);
    EXPECT_EQ(view.ahead, std::nullopt);
    EXPECT_EQ(view.draw_rank, std::nullopt);
    EXPECT_EQ(view.estimated_wait, std::nullopt);
    EXPECT_EQ(view.poll_after,
              PollAfterPreQueue(before, kSaleStart, room_.config().admission, view.entry_id));
    EXPECT_EQ(room_.DrawSize(), 0u);
    EXPECT_EQ(room_.NextDeadline(), kSaleStart);
    // The draw at sale start: positions are the draw's ranks.
    const PumpResult pump = room_.Pump(kSaleStart, {0, 10});  // nothing available yet
    EXPECT_TRUE(pump.drew);
    EXPECT_EQ(pump.admitted, 0u);
    ASSERT_EQ(room_.DrawSize(), 3u);
    for (std::uint64_t rank = 1; rank <= 3; ++rank) {
        const UserId user{room_.DrawnAt(rank).value()};  // user u joined as entry u
        const QueueView drawn = room_.Status(user, kSaleStart);
        EXPECT_EQ(drawn.position, rank);
        EXPECT_EQ(drawn.ahead, rank - 1);
        EXPECT_EQ(drawn.draw_rank, rank);
    }
}

TEST_F(WaitingRoomTest, LaterJoinsLineUpBehindThePreQueueInJoinOrder) {
    for (std::uint64_t u = 1; u <= 3; ++u) Join(u, kOpens);
    // No Pump at sale start: the first later join does the draw itself.
    EXPECT_EQ(Join(4, kSaleStart + seconds(1)).outcome, JoinOutcome::kJoined);
    EXPECT_EQ(Join(5, kSaleStart + seconds(2)).outcome, JoinOutcome::kJoined);
    EXPECT_EQ(room_.DrawSize(), 3u);
    const TimePoint now = kSaleStart + seconds(3);
    EXPECT_EQ(StatusOf(4, now).position, 4u);
    EXPECT_EQ(StatusOf(5, now).position, 5u);
    EXPECT_EQ(StatusOf(4, now).draw_rank, std::nullopt);
    EXPECT_EQ(room_.Pump(now, {0, 1}).drew, false);
}

TEST_F(WaitingRoomTest, ARemovalMovesEveryoneBehindItUp) {
    for (std::uint64_t u = 1; u <= 5; ++u) Join(u, kSaleStart + seconds(u));
    const TimePoint now = kSaleStart + minutes(1);
    EXPECT_EQ(Positions(5, now), (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
    room_.Remove(UserId{2});
    EXPECT_EQ(Positions(5, now), (std::vector<std::uint64_t>{1, 0, 2, 3, 4}));
    EXPECT_EQ(StatusOf(5, now).ahead, 3u);
    EXPECT_EQ(room_.Stats(now).waiting, 4u);
}

TEST_F(WaitingRoomTest, ARemovedPreQueueEntryKeepsItsRankInTheDraw) {
    for (std::uint64_t u = 1; u <= 6; ++u) Join(u, kOpens);
    room_.Remove(UserId{3});
    room_.Pump(kSaleStart, {0, 1});
    EXPECT_EQ(room_.DrawSize(), 6u);
    std::uint64_t rank_of_3 = 0;
    for (std::uint64_t rank = 1; rank <= 6; ++rank) {
        if (room_.DrawnAt(rank) == QueueEntryId{3}) rank_of_3 = rank;
    }
    ASSERT_NE(rank_of_3, 0u);
    // Whoever is drawn after it is one position better off than its rank.
    if (rank_of_3 < 6) {
        const UserId next{room_.DrawnAt(rank_of_3 + 1).value()};
        EXPECT_EQ(room_.Status(next, kSaleStart).position, rank_of_3);
        EXPECT_EQ(room_.Status(next, kSaleStart).draw_rank, rank_of_3 + 1);
    }
    EXPECT_EQ(room_.Stats(kSaleStart).waiting, 5u);
}

TEST_F(WaitingRoomTest, EveryoneWaitingSeesSoldOutWhileNothingIsAvailableOrHeld) {
    for (std::uint64_t u = 1; u <= 3; ++u) Join(u, kSaleStart + seconds(u));
    const TimePoint now = kSaleStart + seconds(10);
    room_.Pump(now, {1, 0});  // one seat: one admitted
    EXPECT_EQ(StatusOf(1, now).status, QueueStatus::kAdmitted);
    room_.Pump(now + seconds(1), {0, 1});  // held by someone: not sold out, still waiting
    EXPECT_EQ(StatusOf(2, now + seconds(1)).status, QueueStatus::kWaiting);
    room_.Pump(now + seconds(2), {0, 0});
    EXPECT_EQ(StatusOf(2, now + seconds(2)).status, QueueStatus::kSoldOut);
    EXPECT_EQ(StatusOf(2, now + seconds(2)).poll_after, kPollMax);
    EXPECT_EQ(StatusOf(1, now + seconds(2)).status, QueueStatus::kAdmitted);
    room_.Pump(now + seconds(3), {2, 0});  // a cancelled sale gives seats back: user 2 goes in
    EXPECT_EQ(StatusOf(2, now + seconds(3)).status, QueueStatus::kAdmitted);
    EXPECT_EQ(StatusOf(3, now + seconds(3)).status, QueueStatus::kWaiting);
}

TEST_F(WaitingRoomTest, StatusReportsTheAdmissionAndItsEnd) {
    Join(1, kSaleStart);
    room_.Pump(kSaleStart, kPlenty);
    const TimePoint expires = kSaleStart + room_.config().admission;
    QueueView view = StatusOf(1, kSaleStart + seconds(1));
    EXPECT_EQ(view.status, QueueStatus::kAdmitted);
    EXPECT_EQ(view.admission_expires_at, expires);
    EXPECT_EQ(view.position, std::nullopt);
    EXPECT_EQ(view.poll_after,
              std::chrono::duration_cast<milliseconds>(expires - kSaleStart) - seconds(1));
    // Lapsed before any Pump: expired already.
    EXPECT_EQ(StatusOf(1, expires).status, QueueStatus::kExpired);
    room_.Pump(expires, kPlenty);
    view = StatusOf(1, expires);
    EXPECT_EQ(view.status, QueueStatus::kExpired);
    EXPECT_EQ(view.admission_expires_at, expires);
    EXPECT_EQ(view.poll_after, kPollMax);
}

TEST_F(WaitingRoomTest, WaitIsEstimatedFromTheMeasuredOutflow) {
    QueueConfig config = room_.config();
    config.active_max = 1'000;
    room_.Reconfigure(config, kOpens);
    for (std::uint64_t u = 1; u <= 200; ++u) Join(u, kSaleStart);
    // No admissions yet: unknown.
    EXPECT_EQ(StatusOf(100, kSaleStart).estimated_wait, std::nullopt);
    // 60 a minute for two minutes, pumped at every deadline.
    TimePoint now = kSaleStart;
    while (now <= kSaleStart + minutes(2)) {
        room_.Pump(now, kPlenty);
        now = *room_.NextDeadline();
    }
    const TimePoint later = kSaleStart + minutes(2);
    const QueueView view = StatusOf(200, later);
    ASSERT_TRUE(view.position.has_value());
    EXPECT_EQ(*view.position, 200u - 121u);
    // 79 admissions at a measured 60 a minute.
    EXPECT_NEAR(view.estimated_wait->count(), 79, 2);
    EXPECT_EQ(view.poll_after, PollAfterWaiting(79, 60));
}

TEST_F(WaitingRoomTest, StatsPublishTheSeedOnlyFromSaleStart) {
    Join(1, kOpens);
    QueueStats stats = room_.Stats(kSaleStart - milliseconds(1));
    EXPECT_EQ(stats.seed_sha256, SeedCommitment(test::TestConfig().seed));
    EXPECT_EQ(stats.seed, std::nullopt);
    EXPECT_FALSE(stats.drawn);
    stats = room_.Stats(kSaleStart);
    EXPECT_EQ(stats.seed, test::TestConfig().seed);
    room_.Pump(kSaleStart, kPlenty);
    stats = room_.Stats(kSaleStart);
    EXPECT_TRUE(stats.drawn);
    EXPECT_EQ(stats.draw_size, 1u);
    EXPECT_EQ(stats.waiting, 0u);
    EXPECT_EQ(stats.admitted_active, 1u);
    EXPECT_EQ(stats.admitted_total, 1u);
    EXPECT_EQ(stats.admitted_last_minute, 1u);
    EXPECT_FALSE(stats.paused);
}

TEST_F(WaitingRoomTest, ScheduleAndSeedAreFixedOnceTheRoomOpens) {
    QueueConfig config = test::TestConfig();
    config.seed = test::SeedOf(0x77);
    config.opens_at -= minutes(5);
    const TimePoint early = kOpens - minutes(10);
    EXPECT_EQ(room_.Reconfigure(config, early), ReconfigureOutcome::kOk);
    EXPECT_EQ(room_.Stats(early).seed_sha256, SeedCommitment(config.seed));
    config.seed = test::SeedOf(0x78);
    EXPECT_EQ(room_.Reconfigure(config, config.opens_at), ReconfigureOutcome::kScheduleFixed);
    config.seed = test::SeedOf(0x77);
    config.sale_starts_at += minutes(1);
    EXPECT_EQ(room_.Reconfigure(config, config.opens_at), ReconfigureOutcome::kScheduleFixed);
    EXPECT_EQ(room_.config().sale_starts_at, kSaleStart);
}

TEST_F(WaitingRoomTest, LiveSettingsChangeAnyTime) {
    Join(1, kOpens);
    QueueConfig config = room_.config();
    config.admit_per_minute = 1'000;
    config.active_max = 5;
    config.admission = seconds(90);
    config.pow_bits = 24;
    config.paused = true;
    EXPECT_EQ(room_.Reconfigure(config, kSaleStart + minutes(5)), ReconfigureOutcome::kOk);
    EXPECT_EQ(room_.config(), config);
    EXPECT_TRUE(room_.Stats(kSaleStart).paused);
}

TEST(WaitingRoomNames, OutcomesAndStatusesHaveSnakeCaseNames) {
    EXPECT_EQ(ToString(JoinOutcome::kQueueNotOpen), "queue_not_open");
    EXPECT_EQ(ToString(JoinOutcome::kChallengeReused), "challenge_reused");
    EXPECT_EQ(ToString(JoinOutcome::kAlreadyJoined), "already_joined");
    EXPECT_EQ(ToString(QueueStatus::kSoldOut), "sold_out");
    EXPECT_EQ(ToString(QueueStatus::kNotJoined), "not_joined");
    EXPECT_EQ(ToString(EntryStatus::kPaid), "paid");
}

TEST(WaitingRoomDeathTest, AnInvalidConfigAborts) {
    QueueConfig config = test::TestConfig();
    config.active_max = 0;
    EXPECT_DEATH(WaitingRoom(EventId{1}, config), "invalid queue config");
    WaitingRoom room(EventId{1}, test::TestConfig());
    EXPECT_DEATH(room.Reconfigure(config, kOpens), "invalid queue config");
}

}  // namespace
}  // namespace tix::engine
