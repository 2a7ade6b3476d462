// Recovery of waiting rooms: positions and admissions survive a restart, admissions that lapsed
// while tixd was down expire once (and the line moves), a draw whose time came while down
// happens at start-up.
#include <gtest/gtest.h>

#include <vector>

#include "common/temp_dir.h"
#include "engine/queue_test_support.h"
#include "engine/test_events.h"
#include "service/recovery.h"
#include "store/sqlite_journal.h"

namespace tix::service {
namespace {

using namespace std::chrono_literals;
using engine::Engine;
using engine::EntryStatus;
using engine::QueueStatus;

constexpr TimePoint kSale = engine::test::kSaleStart;
constexpr TimePoint kOpens = engine::test::kOpens;
constexpr std::chrono::seconds kAdmission{300};

// A journal that keeps a copy of what it is asked to append (recovery's own batch).
class RecordingJournal final : public engine::Journal {
  public:
    explicit RecordingJournal(engine::Journal& inner) : inner_(inner) {}
    Status Append(const engine::JournalBatch& batch) override {
        appended.push_back(batch);
        return inner_.Append(batch);
    }
    Status Load(engine::RecoveredState& state) override { return inner_.Load(state); }

    std::vector<engine::JournalBatch> appended;

  private:
    engine::Journal& inner_;
};

class RecoveryQueueTest : public ::testing::Test {
  protected:
    RecoveryQueueTest() {
        engine::EventSpec spec = engine::SmallTestEvent();
        spec.sale_starts_at = kSale;
        event_ = before_.AddEvent(spec);
        engine::QueueConfig config = engine::test::TestConfig();
        config.admit_per_minute = 60;  // one a second
        config.active_max = 2;
        config.admission = kAdmission;
        before_.AddQueue(event_, config);
    }

    void Join(std::uint64_t user, TimePoint now) {
        ASSERT_EQ(
            before_.JoinQueue(UserId{user}, event_, 1'000 + user, now + 1min, now).join.outcome,
            engine::JoinOutcome::kJoined);
    }
    // Five in the pre-queue; at sale start and a second later two are admitted; a sixth joins
    // behind the draw. Everything is journaled.
    void FillAndJournal() {
        for (std::uint64_t u = 1; u <= 5; ++u) Join(u, kOpens + std::chrono::seconds(u));
        before_.PumpQueues(kSale);
        before_.PumpQueues(kSale + 1s);
        Join(6, kSale + 2s);
        engine::JournalBatch batch;
        before_.DrainChanges(batch);
        auto journal = store::SqliteJournal::Open(dir_.File("tix.db"));
        ASSERT_TRUE(journal.ok()) << journal.status().ToString();
        ASSERT_TRUE((*journal)->Append(batch).ok());
    }
    // A fresh engine recovered at `now`; what recovery journaled is in `appended`.
    Result<RecoveryStats> Restart(Engine& after, TimePoint now,
                                  std::vector<engine::JournalBatch>* appended = nullptr) {
        auto sqlite = store::SqliteJournal::Open(dir_.File("tix.db"));
        EXPECT_TRUE(sqlite.ok()) << sqlite.status().ToString();
        RecordingJournal journal(**sqlite);
        Result<RecoveryStats> stats = Recover(journal, after, now);
        if (appended != nullptr) *appended = journal.appended;
        return stats;
    }
    engine::QueueView View(const Engine& engine, std::uint64_t user, TimePoint now) const {
        return engine.FindQueue(event_)->Status(UserId{user}, now);
    }

    TempDir dir_;
    Engine before_;
    EventId event_{};
};

TEST_F(RecoveryQueueTest, PositionsAndAdmissionsSurviveARestart) {
    FillAndJournal();
    const TimePoint now = kSale + 3s;
    Engine after;
    const auto stats = Restart(after, now);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(stats->queues, 1u);
    EXPECT_EQ(stats->queue_entries, 6u);
    after.CheckInvariants();
    int admitted = 0;
    for (std::uint64_t u = 1; u <= 6; ++u) {
        const engine::QueueView was = View(before_, u, now);
        const engine::QueueView is = View(after, u, now);
        EXPECT_EQ(is.status, was.status) << "user " << u;
        EXPECT_EQ(is.position, was.position) << "user " << u;
        EXPECT_EQ(is.admission_expires_at, was.admission_expires_at) << "user " << u;
        EXPECT_EQ(is.draw_rank, was.draw_rank) << "user " << u;
        if (is.status == QueueStatus::kAdmitted) {
            ++admitted;
            EXPECT_TRUE(after.FindQueue(event_)->IsAdmitted(UserId{u}, now));
        }
    }
    EXPECT_EQ(admitted, 2);
    EXPECT_EQ(View(after, 6, now).position, 4u) << "behind the three of the draw still waiting";
    // A challenge used before the restart (by user 6, still unexpired) is still spent.
    EXPECT_EQ(after.JoinQueue(UserId{7}, event_, 1'006, now + 1min, now).join.outcome,
              engine::JoinOutcome::kChallengeReused);
}

TEST_F(RecoveryQueueTest, ABannedUserStaysOutAfterARestart) {
    const TimePoint now = kSale + 3s;
    for (std::uint64_t u = 1; u <= 3; ++u) Join(u, kOpens + std::chrono::seconds(u));
    before_.PumpQueues(kSale);
    before_.PumpQueues(kSale + 1s);
    const std::uint64_t admitted = View(before_, 1, now).status == QueueStatus::kAdmitted ? 1 : 2;
    ASSERT_EQ(View(before_, admitted, now).status, QueueStatus::kAdmitted);
    const engine::HoldResult held = before_.Hold(
        engine::HoldByQuantity{UserId{admitted}, event_, "GA", 1, false, ""}, kSale + 2s);
    ASSERT_EQ(held.outcome, engine::HoldOutcome::kOk);
    ASSERT_EQ(before_.RemoveUser(UserId{admitted}, kSale + 2s).queue_entries_removed, 1u);
    engine::JournalBatch batch;
    before_.DrainChanges(batch);
    {
        auto journal = store::SqliteJournal::Open(dir_.File("tix.db"));
        ASSERT_TRUE(journal.ok()) << journal.status().ToString();
        ASSERT_TRUE((*journal)->Append(batch).ok());
    }

    Engine after;
    ASSERT_TRUE(Restart(after, now).ok());
    after.CheckInvariants();
    EXPECT_EQ(View(after, admitted, now).status, QueueStatus::kRemoved);
    EXPECT_EQ(after.FindOrder(held.order->order_id)->status, engine::OrderStatus::kCancelled);
    EXPECT_EQ(after.JoinQueue(UserId{admitted}, event_, 2'000, now + 1min, now).join.outcome,
              engine::JoinOutcome::kRemoved);
}

TEST_F(RecoveryQueueTest, AdmissionsThatLapsedWhileDownExpireOnceAndTheLineMoves) {
    FillAndJournal();
    const TimePoint later = kSale + kAdmission + 10s;
    Engine after;
    std::vector<engine::JournalBatch> appended;
    ASSERT_TRUE(Restart(after, later, &appended).ok());
    ASSERT_EQ(appended.size(), 1u);
    std::uint64_t expired = 0, admitted = 0;
    for (const engine::QueueEntryRecord& entry : appended[0].queues.entries) {
        expired += entry.status == EntryStatus::kExpired;
        admitted += entry.status == EntryStatus::kAdmitted;
    }
    EXPECT_EQ(expired, 2u) << "both admissions lapsed while down";
    EXPECT_EQ(admitted, 1u) << "the next in line is admitted (paced: one at start-up)";
    const auto stats = after.FindQueue(event_)->Stats(later);
    EXPECT_EQ(stats.admitted_active, 1u);
    EXPECT_EQ(stats.waiting, 3u);

    // A second restart finds them expired already: nothing expires twice.
    Engine again;
    std::vector<engine::JournalBatch> appended_again;
    ASSERT_TRUE(Restart(again, later, &appended_again).ok());
    ASSERT_EQ(appended_again.size(), 1u);
    for (const engine::QueueEntryRecord& entry : appended_again[0].queues.entries) {
        EXPECT_NE(entry.status, EntryStatus::kExpired) << "entry " << entry.entry_id;
    }
    for (std::uint64_t u = 1; u <= 6; ++u) {
        EXPECT_EQ(View(again, u, later).status, View(after, u, later).status) << "user " << u;
    }
}

TEST_F(RecoveryQueueTest, ADrawWhoseTimeCameWhileDownHappensAtStartUp) {
    for (std::uint64_t u = 1; u <= 3; ++u) Join(u, kOpens + std::chrono::seconds(u));
    engine::JournalBatch batch;
    before_.DrainChanges(batch);
    {
        auto journal = store::SqliteJournal::Open(dir_.File("tix.db"));
        ASSERT_TRUE(journal.ok());
        ASSERT_TRUE((*journal)->Append(batch).ok());
    }
    Engine after;
    std::vector<engine::JournalBatch> appended;
    ASSERT_TRUE(Restart(after, kSale + 1min, &appended).ok());
    const auto stats = after.FindQueue(event_)->Stats(kSale + 1min);
    EXPECT_TRUE(stats.drawn);
    EXPECT_EQ(stats.draw_size, 3u);
    EXPECT_EQ(stats.admitted_total, 1u);
    ASSERT_EQ(appended.size(), 1u);
    ASSERT_FALSE(appended[0].queues.rooms.empty());
    EXPECT_TRUE(appended[0].queues.rooms.back().drawn) << "the draw is journaled";
}

// A journal that loads a state made up by the test.
class MadeUpJournal final : public engine::Journal {
  public:
    explicit MadeUpJournal(engine::RecoveredState state) : state_(std::move(state)) {}
    Status Append(const engine::JournalBatch&) override { return Status::Ok(); }
    Status Load(engine::RecoveredState& state) override {
        state = state_;
        return Status::Ok();
    }

  private:
    engine::RecoveredState state_;
};

TEST_F(RecoveryQueueTest, ARoomThatCannotBeRestoredIsCorruptionNotACrash) {
    Join(1, kOpens);
    Join(2, kOpens);
    engine::JournalBatch batch;
    before_.DrainChanges(batch);
    engine::RecoveredState state;
    state.events = batch.events;
    state.events[0].event_id = event_;
    state.queues.push_back({batch.queues.rooms.back(), batch.queues.entries, {}});
    {
        MadeUpJournal journal(state);
        Engine after;
        EXPECT_TRUE(Recover(journal, after, kOpens).ok()) << "the state as it is restores";
    }
    engine::RecoveredState gap = state;
    gap.queues[0].entries.erase(gap.queues[0].entries.begin());
    engine::RecoveredState orphan = state;
    orphan.events.clear();
    engine::RecoveredState moved = state;
    moved.queues[0].room.config.sale_starts_at += 1s;
    for (const engine::RecoveredState& bad : {gap, orphan, moved}) {
        MadeUpJournal journal(bad);
        Engine after;
        const auto stats = Recover(journal, after, kOpens);
        ASSERT_FALSE(stats.ok());
        EXPECT_EQ(stats.status().code(), Status::Code::kCorruption) << stats.status().ToString();
    }
}

}  // namespace
}  // namespace tix::service
