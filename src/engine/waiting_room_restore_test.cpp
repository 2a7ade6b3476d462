// WaitingRoom's records: what each call journals, and the room rebuilt from them.
#include <gtest/gtest.h>

#include <vector>

#include "engine/queue_test_support.h"
#include "engine/waiting_room.h"

namespace tix::engine {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using test::Comparable;
using test::FoldedJournal;
using test::JoinFresh;
using test::kOpens;
using test::kPlenty;
using test::kSaleStart;

QueueChanges Drain(WaitingRoom& room) {
    QueueChanges changes;
    room.DrainChanges(changes);
    return changes;
}

// Two rooms agree on everything a caller can see for users 1..users at `now`.
void ExpectSameRoom(const WaitingRoom& a, const WaitingRoom& b, std::uint64_t users,
                    TimePoint now) {
    EXPECT_EQ(Comparable(a.Snapshot(), now), Comparable(b.Snapshot(), now));
    EXPECT_EQ(a.NextDeadline(), b.NextDeadline());
    const QueueStats sa = a.Stats(now);
    const QueueStats sb = b.Stats(now);
    EXPECT_EQ(sa.waiting, sb.waiting);
    EXPECT_EQ(sa.admitted_active, sb.admitted_active);
    EXPECT_EQ(sa.admitted_total, sb.admitted_total);
    EXPECT_EQ(sa.admitted_last_minute, sb.admitted_last_minute);
    EXPECT_EQ(a.DrawSize(), b.DrawSize());
    for (std::uint64_t rank = 1; rank <= a.DrawSize(); ++rank) {
        EXPECT_EQ(a.DrawnAt(rank), b.DrawnAt(rank));
    }
    for (std::uint64_t u = 1; u <= users; ++u) {
        const QueueView va = a.Status(UserId{u}, now);
        const QueueView vb = b.Status(UserId{u}, now);
        EXPECT_EQ(va.status, vb.status) << "user " << u;
        EXPECT_EQ(va.position, vb.position) << "user " << u;
        EXPECT_EQ(va.draw_rank, vb.draw_rank) << "user " << u;
        EXPECT_EQ(va.admission_expires_at, vb.admission_expires_at) << "user " << u;
        EXPECT_EQ(va.estimated_wait, vb.estimated_wait) << "user " << u;
        EXPECT_EQ(va.poll_after, vb.poll_after) << "user " << u;
    }
}

TEST(QueueRecords, TheNewRoomRecordsItsConfig) {
    WaitingRoom room(EventId{4}, test::TestConfig());
    const QueueChanges changes = Drain(room);
    ASSERT_EQ(changes.rooms.size(), 1u);
    EXPECT_EQ(changes.rooms[0].event_id, EventId{4});
    EXPECT_EQ(changes.rooms[0].config, test::TestConfig());
    EXPECT_FALSE(changes.rooms[0].drawn);
    EXPECT_FALSE(room.HasChanges());
}

TEST(QueueRecords, AJoinRecordsItsEntryAndItsChallenge) {
    WaitingRoom room(EventId{4}, test::TestConfig());
    Drain(room);
    room.Join(UserId{9}, 77, kOpens + minutes(1), kOpens);
    QueueChanges changes = Drain(room);
    ASSERT_EQ(changes.entries.size(), 1u);
    EXPECT_EQ(changes.entries[0], (QueueEntryRecord{EventId{4}, QueueEntryId{1}, UserId{9}, kOpens,
                                                    EntryStatus::kWaiting, true, std::nullopt}));
    ASSERT_EQ(changes.challenges.size(), 1u);
    EXPECT_EQ(changes.challenges[0], (QueueChallengeRecord{EventId{4}, 77, kOpens + minutes(1)}));
    // Refused and repeated joins change nothing.
    room.Join(UserId{9}, 78, kOpens + minutes(1), kOpens);
    room.Join(UserId{10}, 77, kOpens + minutes(1), kOpens);
    EXPECT_FALSE(room.HasChanges());
}

TEST(QueueRecords, APumpRecordsTheDrawEachAdmissionAndEachExpiry) {
    WaitingRoom room(EventId{4}, test::TestConfig());
    JoinFresh(room, UserId{1}, kOpens);
    Drain(room);
    room.Pump(kSaleStart, kPlenty);
    QueueChanges changes = Drain(room);
    ASSERT_EQ(changes.rooms.size(), 1u);
    EXPECT_TRUE(changes.rooms[0].drawn);
    EXPECT_GT(changes.rooms[0].next_admission_at, PaceTime(kSaleStart));
    ASSERT_EQ(changes.entries.size(), 1u);
    EXPECT_EQ(changes.entries[0].status, EntryStatus::kAdmitted);
    const QueueAdmission admission{kSaleStart, kSaleStart + test::TestConfig().admission};
    EXPECT_EQ(changes.entries[0].admission, admission);
    // A Pump with nothing to do records nothing.
    room.Pump(kSaleStart + seconds(1), kPlenty);
    EXPECT_FALSE(room.HasChanges());
    room.Pump(admission.expires_at, kPlenty);
    changes = Drain(room);
    EXPECT_TRUE(changes.rooms.empty());
    ASSERT_EQ(changes.entries.size(), 1u);
    EXPECT_EQ(changes.entries[0].status, EntryStatus::kExpired);
    EXPECT_EQ(changes.entries[0].admission, admission);  // kept: it was admitted
}

TEST(QueueRecords, DrainAppendsToWhatTheBatchHolds) {
    WaitingRoom room(EventId{4}, test::TestConfig());
    QueueChanges batch;
    room.DrainChanges(batch);
    JoinFresh(room, UserId{1}, kOpens);
    room.DrainChanges(batch);
    EXPECT_EQ(batch.rooms.size(), 1u);
    EXPECT_EQ(batch.entries.size(), 1u);
    EXPECT_EQ(batch.challenges.size(), 1u);
}

// A sale with every kind of change, journaled as it goes, restored at several points.
TEST(QueueRestore, TheRebuiltRoomIsTheSameRoomAndGoesOnTheSame) {
    QueueConfig config = test::TestConfig();
    config.admit_per_minute = 600;
    config.active_max = 5;
    WaitingRoom live(EventId{4}, config);
    FoldedJournal journal;
    const auto check = [&](TimePoint now) {
        journal.Drain(live);
        WaitingRoom restored = WaitingRoom::Restore(journal.Snapshot());
        restored.CheckInvariants();
        EXPECT_FALSE(restored.HasChanges());  // Restore records nothing
        restored.Pump(now, kPlenty);          // as a restarted sequencer would, before serving
        live.Pump(now, kPlenty);
        journal.Drain(live);
        ExpectSameRoom(live, restored, 40, now);
        return restored;
    };
    for (std::uint64_t u = 1; u <= 20; ++u) JoinFresh(live, UserId{u}, kOpens + seconds(u));
    live.Remove(UserId{4});
    check(kOpens + minutes(30));  // before the draw
    live.Pump(kSaleStart, kPlenty);
    for (std::uint64_t u = 21; u <= 40; ++u) JoinFresh(live, UserId{u}, kSaleStart + seconds(u));
    TimePoint now = kSaleStart + seconds(1);
    for (; now < kSaleStart + minutes(8); now += milliseconds(350)) {
        live.Pump(now, kPlenty);
        if ((now - kSaleStart) % seconds(7) < milliseconds(350)) {
            for (std::uint64_t u = 1; u <= 40; ++u) {
                if (live.IsAdmitted(UserId{u}, now)) {
                    live.OnPaid(UserId{u});
                    break;
                }
            }
        }
        if ((now - kSaleStart) % seconds(61) < milliseconds(350)) {
            live.Remove(
                UserId{static_cast<std::uint64_t>((now - kSaleStart) / seconds(1) % 40 + 1)});
        }
        if ((now - kSaleStart) % minutes(2) < milliseconds(350)) {
            QueueConfig changed = live.config();
            changed.paused = !changed.paused;
            live.Reconfigure(changed, now);
            check(now);
        }
    }
    // The restored room goes on exactly as the live one.
    WaitingRoom restored = check(now);
    for (int step = 0; step < 2'000; ++step, now += milliseconds(500)) {
        const PumpResult a = live.Pump(now, kPlenty);
        const PumpResult b = restored.Pump(now, kPlenty);
        ASSERT_EQ(a.admitted, b.admitted) << step;
        ASSERT_EQ(a.expired, b.expired) << step;
    }
    ExpectSameRoom(live, restored, 40, now);
}

TEST(QueueRestore, UsedChallengesStayUsedAfterARestart) {
    WaitingRoom live(EventId{4}, test::TestConfig());
    live.Join(UserId{1}, 555, kOpens + minutes(1), kOpens);
    FoldedJournal journal;
    journal.Drain(live);
    WaitingRoom restored = WaitingRoom::Restore(journal.Snapshot());
    EXPECT_EQ(restored.Join(UserId{2}, 555, kOpens + minutes(1), kOpens).outcome,
              JoinOutcome::kChallengeReused);
    EXPECT_EQ(restored.Join(UserId{1}, 556, kOpens + minutes(1), kOpens).outcome,
              JoinOutcome::kAlreadyJoined);
}

TEST(QueueRestore, RestoringASnapshotGivesTheSameSnapshot) {
    WaitingRoom live(EventId{4}, test::TestConfig());
    for (std::uint64_t u = 1; u <= 30; ++u) JoinFresh(live, UserId{u}, kSaleStart + seconds(u));
    live.Pump(kSaleStart + minutes(1), kPlenty);
    live.Remove(UserId{7});
    const QueueSnapshot snapshot = live.Snapshot();
    EXPECT_EQ(snapshot.challenges.size(), 30u);
    EXPECT_EQ(WaitingRoom::Restore(snapshot).Snapshot(), snapshot);
}

TEST(QueueRestore, ARoomRestoredBeforeTheDrawDrawsTheSame) {
    WaitingRoom live(EventId{4}, test::TestConfig());
    for (std::uint64_t u = 1; u <= 50; ++u) JoinFresh(live, UserId{u}, kOpens + seconds(u));
    WaitingRoom restored = WaitingRoom::Restore(live.Snapshot());
    live.Pump(kSaleStart, kPlenty);
    restored.Pump(kSaleStart, kPlenty);
    ExpectSameRoom(live, restored, 50, kSaleStart);
}

TEST(QueueRestoreDeathTest, AGapInTheEntriesAborts) {
    WaitingRoom live(EventId{4}, test::TestConfig());
    for (std::uint64_t u = 1; u <= 3; ++u) JoinFresh(live, UserId{u}, kOpens);
    QueueSnapshot snapshot = live.Snapshot();
    snapshot.entries.erase(snapshot.entries.begin() + 1);
    EXPECT_DEATH(WaitingRoom::Restore(snapshot), "without gaps");
}

TEST(QueueRestoreDeathTest, AnAdmittedEntryWithoutItsAdmissionAborts) {
    WaitingRoom live(EventId{4}, test::TestConfig());
    JoinFresh(live, UserId{1}, kOpens);
    live.Pump(kSaleStart, kPlenty);
    QueueSnapshot snapshot = live.Snapshot();
    snapshot.entries[0].admission.reset();
    EXPECT_DEATH(WaitingRoom::Restore(snapshot), "admission disagrees");
}

TEST(QueueMemory, AWaitingUserCostsUnder128Bytes) {
    WaitingRoom room(EventId{4}, test::TestConfig());
    constexpr std::uint64_t kUsers = 100'000;
    for (std::uint64_t u = 1; u <= kUsers; ++u) JoinFresh(room, UserId{u}, kOpens);
    const double before_draw = static_cast<double>(room.bytes()) / kUsers;
    room.Pump(kSaleStart, {0, 1});
    const double after_draw = static_cast<double>(room.bytes()) / kUsers;
    std::printf("bytes per waiting user: %.1f before the draw, %.1f after\n", before_draw,
                after_draw);
    EXPECT_LT(before_draw, 128);
    EXPECT_LT(after_draw, 128);
}

}  // namespace
}  // namespace tix::engine
