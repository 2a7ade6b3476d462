// WaitingRoom's outflow: admission order, the limits on it (active_max, seats, pause, pacing),
// how admissions end, and the deadlines that drive Pump.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "engine/queue_test_support.h"
#include "engine/waiting_room.h"

namespace tix::engine {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using test::JoinFresh;
using test::kOpens;
using test::kPlenty;
using test::kSaleStart;

// A first Pump a second after the sale starts may catch up kAdmissionCatchUp of admissions: at
// high rates, everything the other limits allow.
constexpr TimePoint kLater = kSaleStart + seconds(1);

QueueConfig Config(std::uint32_t admit_per_minute, std::uint32_t active_max) {
    QueueConfig config = test::TestConfig();
    config.admit_per_minute = admit_per_minute;
    config.active_max = active_max;
    return config;
}

class AdmissionTest : public ::testing::Test {
  protected:
    void Open(const QueueConfig& config) { room_ = WaitingRoom(EventId{1}, config); }
    void JoinUsers(std::uint64_t first, std::uint64_t last, TimePoint now) {
        for (std::uint64_t u = first; u <= last; ++u) {
            ASSERT_EQ(JoinFresh(room_, UserId{u}, now).outcome, JoinOutcome::kJoined);
        }
    }
    QueueStatus StatusOf(std::uint64_t user, TimePoint now) {
        return room_.Status(UserId{user}, now).status;
    }
    std::vector<std::uint64_t> Admitted(std::uint64_t users, TimePoint now) {
        std::vector<std::uint64_t> admitted;
        for (std::uint64_t u = 1; u <= users; ++u) {
            if (room_.IsAdmitted(UserId{u}, now)) admitted.push_back(u);
        }
        return admitted;
    }
    // Pumps at every deadline until `end` (as the sequencer does); returns admissions.
    std::uint64_t RunUntil(TimePoint from, TimePoint end, QueueAvailability availability) {
        std::uint64_t admitted = 0;
        for (std::optional<TimePoint> now = from; now && *now < end; now = room_.NextDeadline()) {
            admitted += room_.Pump(*now, availability).admitted;
        }
        return admitted;
    }

    WaitingRoom room_{EventId{1}, test::TestConfig()};
};

TEST_F(AdmissionTest, AdmitsTheDrawInRankOrderThenLaterJoinsInJoinOrder) {
    Open(Config(60'000, 1'000));  // one a millisecond: one a Pump
    JoinUsers(1, 20, kOpens);
    room_.Pump(kSaleStart, {0, 1});  // the draw, nothing available yet
    JoinUsers(21, 30, kSaleStart);
    std::vector<std::uint64_t> order;
    for (TimePoint now = kSaleStart; order.size() < 30; now += milliseconds(1)) {
        room_.Pump(now, kPlenty);
        for (std::uint64_t u = 1; u <= 30; ++u) {
            if (room_.IsAdmitted(UserId{u}, now) &&
                std::find(order.begin(), order.end(), u) == order.end()) {
                order.push_back(u);
            }
        }
    }
    for (std::uint64_t rank = 1; rank <= 20; ++rank) {
        EXPECT_EQ(order[rank - 1], room_.DrawnAt(rank).value()) << "rank " << rank;
    }
    for (std::uint64_t u = 21; u <= 30; ++u) EXPECT_EQ(order[u - 1], u);
}

TEST_F(AdmissionTest, NoBurstAtSaleStart) {
    Open(Config(60, 1'000));
    JoinUsers(1, 100, kOpens);
    EXPECT_EQ(room_.Pump(kSaleStart, kPlenty).admitted, 1u);
    EXPECT_EQ(room_.NextDeadline(), kSaleStart + seconds(1));
    EXPECT_EQ(room_.Pump(kSaleStart + milliseconds(999), kPlenty).admitted, 0u);
    EXPECT_EQ(room_.Pump(kSaleStart + seconds(1), kPlenty).admitted, 1u);
}

TEST_F(AdmissionTest, NeverMoreActiveThanActiveMaxAndAnEndedAdmissionFreesItsPlace) {
    Open(Config(kAdmitPerMinuteMax, 3));
    JoinUsers(1, 6, kSaleStart);
    const TimePoint now = kSaleStart + seconds(1);
    EXPECT_EQ(room_.Pump(now, kPlenty).admitted, 3u);
    EXPECT_EQ(Admitted(6, now), (std::vector<std::uint64_t>{1, 2, 3}));
    EXPECT_EQ(room_.Pump(now + seconds(1), kPlenty).admitted, 0u);
    // Blocked by active_max: only the first expiry is a deadline.
    EXPECT_EQ(room_.NextDeadline(), now + room_.config().admission);
    EXPECT_EQ(room_.OnPaid(UserId{2}), PaidOutcome::kEnded);
    EXPECT_EQ(room_.Pump(now + seconds(2), kPlenty).admitted, 1u);
    EXPECT_EQ(Admitted(6, now + seconds(2)), (std::vector<std::uint64_t>{1, 3, 4}));
    EXPECT_EQ(room_.Remove(UserId{3}), RemoveOutcome::kRemoved);
    EXPECT_EQ(room_.Pump(now + seconds(3), kPlenty).admitted, 1u);
    EXPECT_EQ(Admitted(6, now + seconds(3)), (std::vector<std::uint64_t>{1, 4, 5}));
    // User 1's admission lapses: user 6 gets its place in the same Pump.
    const PumpResult pump = room_.Pump(now + room_.config().admission, kPlenty);
    EXPECT_EQ(pump.expired, 1u);
    EXPECT_EQ(pump.admitted, 1u);
    EXPECT_EQ(StatusOf(1, now + room_.config().admission), QueueStatus::kExpired);
    EXPECT_EQ(StatusOf(2, now + room_.config().admission), QueueStatus::kPaid);
    EXPECT_EQ(StatusOf(3, now + room_.config().admission), QueueStatus::kRemoved);
    EXPECT_EQ(room_.Stats(now).admitted_active, 3u);
    EXPECT_EQ(room_.Stats(now).admitted_total, 6u);
}

TEST_F(AdmissionTest, NeverMoreActiveThanAvailableSeatsAndResumesWhenSeatsComeBack) {
    Open(Config(kAdmitPerMinuteMax, 100));
    JoinUsers(1, 10, kSaleStart);
    const TimePoint now = kSaleStart + seconds(1);
    EXPECT_EQ(room_.Pump(now, {2, 0}).admitted, 2u);
    // They hold the two seats: nothing available, holds may still expire.
    EXPECT_EQ(room_.Pump(now + seconds(1), {0, 2}).admitted, 0u);
    EXPECT_EQ(room_.NextDeadline(), now + room_.config().admission);
    EXPECT_EQ(StatusOf(3, now + seconds(1)), QueueStatus::kWaiting);
    // One pays, one hold expires and its seat returns: one place (2 active would need 2 seats).
    room_.OnPaid(UserId{1});
    EXPECT_EQ(room_.Pump(now + seconds(2), {1, 0}).admitted, 0u);  // user 2 still shops
    room_.OnPaid(UserId{2});
    EXPECT_EQ(room_.Pump(now + seconds(3), {1, 0}).admitted, 1u);
    EXPECT_EQ(Admitted(10, now + seconds(3)), (std::vector<std::uint64_t>{3}));
}

TEST_F(AdmissionTest, APausedRoomAdmitsNoOneAndResumesWithoutABurst) {
    Open(Config(600, 1'000));
    JoinUsers(1, 100, kSaleStart);
    EXPECT_EQ(room_.Pump(kSaleStart, kPlenty).admitted, 1u);
    QueueConfig config = room_.config();
    config.paused = true;
    room_.Reconfigure(config, kSaleStart + seconds(1));
    EXPECT_EQ(room_.Pump(kSaleStart + minutes(4), kPlenty).admitted, 0u);
    EXPECT_EQ(room_.NextDeadline(), kSaleStart + room_.config().admission);  // only the expiry
    config.paused = false;
    const TimePoint resume = kSaleStart + minutes(10);
    room_.Reconfigure(config, resume);
    EXPECT_EQ(room_.Pump(resume, kPlenty).admitted, 1u);
    EXPECT_EQ(room_.NextDeadline(), resume + milliseconds(100));
}

TEST_F(AdmissionTest, EachAdmissionExpiresOnceAtItsDeadline) {
    Open(Config(kAdmitPerMinuteMax, 100));
    JoinUsers(1, 3, kSaleStart);
    EXPECT_EQ(room_.Pump(kLater, kPlenty).admitted, 3u);
    const TimePoint expires = kLater + room_.config().admission;
    EXPECT_TRUE(room_.IsAdmitted(UserId{1}, expires - milliseconds(1)));
    EXPECT_FALSE(room_.IsAdmitted(UserId{1}, expires));
    EXPECT_EQ(room_.Pump(expires - milliseconds(1), kPlenty).expired, 0u);
    EXPECT_EQ(room_.Pump(expires, kPlenty).expired, 3u);
    EXPECT_EQ(room_.Pump(expires + minutes(1), kPlenty).expired, 0u);
    EXPECT_EQ(room_.OnPaid(UserId{1}), PaidOutcome::kNotAdmitted);  // paid too late: no change
    EXPECT_EQ(StatusOf(1, expires), QueueStatus::kExpired);
    EXPECT_EQ(room_.NextDeadline(), std::nullopt);
}

TEST_F(AdmissionTest, OnPaidEndsOnlyAnAdmissionThatRuns) {
    Open(Config(60, 100));
    JoinUsers(1, 2, kSaleStart);
    room_.Pump(kSaleStart, kPlenty);
    EXPECT_EQ(room_.OnPaid(UserId{9}), PaidOutcome::kNotJoined);
    EXPECT_EQ(room_.OnPaid(UserId{2}), PaidOutcome::kNotAdmitted);  // still waiting
    EXPECT_EQ(room_.OnPaid(UserId{1}), PaidOutcome::kEnded);
    EXPECT_EQ(room_.OnPaid(UserId{1}), PaidOutcome::kNotAdmitted);
    EXPECT_FALSE(room_.IsAdmitted(UserId{1}, kSaleStart));
    // Its deadline is gone: the next is the pacer's.
    EXPECT_EQ(room_.NextDeadline(), kSaleStart + seconds(1));
}

TEST_F(AdmissionTest, LoweringActiveMaxAdmitsNoOneUntilBelowIt) {
    Open(Config(kAdmitPerMinuteMax, 10));
    JoinUsers(1, 20, kSaleStart);
    EXPECT_EQ(room_.Pump(kLater, kPlenty).admitted, 10u);
    QueueConfig config = room_.config();
    config.active_max = 8;
    room_.Reconfigure(config, kLater);
    for (std::uint64_t u = 1; u <= 2; ++u) room_.OnPaid(UserId{u});
    EXPECT_EQ(room_.Pump(kLater + seconds(1), kPlenty).admitted, 0u);
    room_.OnPaid(UserId{3});
    EXPECT_EQ(room_.Pump(kLater + seconds(2), kPlenty).admitted, 1u);
}

TEST_F(AdmissionTest, ANewAdmissionLengthAppliesToLaterAdmissions) {
    Open(Config(kAdmitPerMinuteMax, 10));
    JoinUsers(1, 2, kSaleStart);
    room_.Pump(kSaleStart, {1, 0});
    QueueConfig config = room_.config();
    config.admission = seconds(60);
    room_.Reconfigure(config, kSaleStart);
    room_.Pump(kLater, {2, 0});
    EXPECT_EQ(room_.Status(UserId{1}, kLater).admission_expires_at, kSaleStart + seconds(300));
    EXPECT_EQ(room_.Status(UserId{2}, kLater).admission_expires_at, kLater + seconds(60));
}

// Admissions per minute, pumped at every deadline, against the configured rate.
void ExpectOutflowWithinFivePercent(std::uint32_t rate, milliseconds pump_lateness) {
    QueueConfig config = Config(rate, kQueueActiveMax);
    config.admission = kAdmissionMax;
    WaitingRoom room(EventId{1}, config);
    const std::uint64_t users = rate * 3ull + 10;
    for (std::uint64_t u = 1; u <= users; ++u) JoinFresh(room, UserId{u}, kOpens);
    std::vector<std::uint64_t> per_minute(3);
    std::optional<TimePoint> now = kSaleStart;
    while (now && *now < kSaleStart + minutes(3)) {
        per_minute[(*now - kSaleStart) / minutes(1)] += room.Pump(*now, kPlenty).admitted;
        const std::optional<TimePoint> next = room.NextDeadline();
        now = next ? std::max(*next + pump_lateness, *now + milliseconds(1)) : next;
    }
    for (int minute = 0; minute < 3; ++minute) {
        EXPECT_NEAR(static_cast<double>(per_minute[minute]), rate, 0.05 * rate)
            << "rate " << rate << ", minute " << minute << ", pumps late by "
            << pump_lateness.count() << " ms";
        EXPECT_LE(per_minute[minute], rate);
    }
}

TEST(AdmissionOutflow, StaysWithinFivePercentOfTheRateWhenDemandIsThere) {
    ExpectOutflowWithinFivePercent(60, milliseconds(0));
    ExpectOutflowWithinFivePercent(600, milliseconds(0));
    ExpectOutflowWithinFivePercent(600, milliseconds(7));  // a busy sequencer
    ExpectOutflowWithinFivePercent(50'000, milliseconds(3));
}

}  // namespace
}  // namespace tix::engine
