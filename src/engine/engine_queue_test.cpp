// The Engine with waiting rooms (issue 8): a hold needs an admission, a payment ends it, the
// rooms' deadlines are the engine's, expiries and cancels let a blocked room admit again, and
// what the rooms record drains with the orders and restores into a second engine.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "engine/engine.h"
#include "engine/journal.h"
#include "engine/queue_test_support.h"
#include "engine/test_events.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kSale = At(10'000'000);  // the event's sale start: the draw
constexpr TimePoint kOpens = kSale - 1h;
constexpr TimePoint kPaceSettled = kSale + 1s;  // past the pacer's first interval

// SmallTestEvent with its sale at kSale and a GA zone of `ga_capacity` only.
EventSpec QueuedEvent(std::uint32_t ga_capacity) {
    EventSpec spec = SmallTestEvent();
    spec.sale_starts_at = kSale;
    spec.zones.resize(1);
    spec.zones[0].capacity = ga_capacity;
    NormalizeEventSpec(spec);
    return spec;
}

QueueConfig RoomConfig() {
    QueueConfig config = test::TestConfig();
    config.opens_at = kOpens;
    config.admit_per_minute = 600'000;  // the pacer never holds anyone back for long
    config.active_max = 10;
    config.admission = 300s;
    return config;
}

class EngineQueueTest : public ::testing::Test {
  protected:
    void Open(std::uint32_t ga_capacity = 10, std::chrono::seconds hold = 60s) {
        EventSpec spec = QueuedEvent(ga_capacity);
        spec.hold = hold;
        event_ = engine_.AddEvent(spec);
        engine_.AddQueue(event_, RoomConfig());
    }

    // A room that lets one shop at a time, users 1 and 2 joined and drawn.
    void OpenOneAtATime(std::uint32_t ga_capacity) {
        Open(ga_capacity);
        ASSERT_EQ(engine_.ConfigureQueue(event_, QueuePatch{.active_max = 1}, {}, kOpens),
                  QueueSetupOutcome::kUpdated);
        JoinAndDraw(2);
    }
    // Of users 1 and 2, the one admitted and the one waiting (0, 0 after a test failure).
    std::pair<std::uint64_t, std::uint64_t> FirstAndSecond() const {
        const TimePoint now = kPaceSettled;
        const bool one_first = StatusOf(1, now) == QueueStatus::kAdmitted;
        const std::uint64_t first = one_first ? 1 : 2;
        const std::uint64_t second = 3 - first;
        EXPECT_EQ(StatusOf(first, now), QueueStatus::kAdmitted);
        EXPECT_EQ(StatusOf(second, now), QueueStatus::kWaiting);
        return {first, second};
    }

    // Users 1..n by their status at `now`: admitted, and still waiting (in user order).
    struct Line {
        std::vector<std::uint64_t> admitted;
        std::vector<std::uint64_t> waiting;
    };
    Line LineOf(std::uint64_t n, TimePoint now) const {
        Line line;
        for (std::uint64_t u = 1; u <= n; ++u) {
            const QueueStatus status = StatusOf(u, now);
            if (status == QueueStatus::kAdmitted) line.admitted.push_back(u);
            if (status == QueueStatus::kWaiting) line.waiting.push_back(u);
        }
        return line;
    }

    JoinOutcome Join(std::uint64_t user, TimePoint now) {
        return engine_.JoinQueue(UserId{user}, event_, ++challenge_, now + 1min, now).join.outcome;
    }
    QueueStatus StatusOf(std::uint64_t user, TimePoint now) const {
        return engine_.FindQueue(event_)->Status(UserId{user}, now).status;
    }
    HoldResult HoldGa(std::uint64_t user, std::uint32_t quantity, TimePoint now) {
        return engine_.Hold(HoldByQuantity{UserId{user}, event_, "GA", quantity, false, ""}, now);
    }
    JournalBatch Drain() {
        JournalBatch batch;
        engine_.DrainChanges(batch);
        return batch;
    }
    // Joins users 1..n in the pre-queue, then draws and admits as far as the room allows.
    void JoinAndDraw(std::uint64_t n) {
        for (std::uint64_t u = 1; u <= n; ++u) ASSERT_EQ(Join(u, kOpens), JoinOutcome::kJoined);
        engine_.PumpQueues(kSale);
        engine_.PumpQueues(kPaceSettled);
    }

    Engine engine_;
    EventId event_{};
    std::uint64_t challenge_ = 0;
};

TEST_F(EngineQueueTest, HoldIsRefusedWithoutALiveAdmission) {
    Open();
    JoinAndDraw(1);
    ASSERT_EQ(StatusOf(1, kPaceSettled), QueueStatus::kAdmitted);
    EXPECT_EQ(HoldGa(2, 1, kPaceSettled).outcome, HoldOutcome::kNotAdmitted);  // never joined
    EXPECT_EQ(HoldGa(1, 1, kPaceSettled).outcome, HoldOutcome::kOk);
    // The admission lapses at its deadline, even before a pump notices.
    const TimePoint lapsed =
        *engine_.FindQueue(event_)->Status(UserId{1}, kPaceSettled).admission_expires_at;
    EXPECT_EQ(HoldGa(1, 1, lapsed).outcome, HoldOutcome::kNotAdmitted);
    // An event without a room is not affected.
    const EventId open_event = engine_.AddEvent(QueuedEvent(10));
    EXPECT_EQ(
        engine_.Hold(HoldByQuantity{UserId{2}, open_event, "GA", 1, false, ""}, kSale).outcome,
        HoldOutcome::kOk);
}

TEST_F(EngineQueueTest, SaleNotOpenIsAnsweredBeforeNotAdmitted) {
    Open();
    EXPECT_EQ(HoldGa(1, 1, kOpens).outcome, HoldOutcome::kSaleNotOpen);
}

TEST_F(EngineQueueTest, PaymentEndsTheAdmissionAndTheNextInLineIsAdmitted) {
    OpenOneAtATime(10);
    const auto [first, second] = FirstAndSecond();

    const HoldResult held = HoldGa(first, 2, kPaceSettled);
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    ASSERT_EQ(engine_.Confirm(held.order->order_id, kPaceSettled), OrderOutcome::kOk);
    EXPECT_EQ(StatusOf(first, kPaceSettled), QueueStatus::kPaid);
    EXPECT_EQ(HoldGa(first, 1, kPaceSettled).outcome, HoldOutcome::kNotAdmitted);

    engine_.PumpQueues(kPaceSettled + 1s);
    EXPECT_EQ(StatusOf(second, kPaceSettled + 1s), QueueStatus::kAdmitted);
}

TEST_F(EngineQueueTest, ApprovedPaymentEndsTheAdmissionToo) {
    Open();
    JoinAndDraw(1);
    const HoldResult held = HoldGa(1, 1, kPaceSettled);
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    ASSERT_EQ(engine_.BeginPayment(held.order->order_id, kPaceSettled, 10s), OrderOutcome::kOk);
    EXPECT_EQ(StatusOf(1, kPaceSettled), QueueStatus::kAdmitted);  // not paid yet
    ASSERT_EQ(engine_.CompletePayment(held.order->order_id, true, kPaceSettled + 1s),
              OrderOutcome::kOk);
    EXPECT_EQ(StatusOf(1, kPaceSettled + 1s), QueueStatus::kPaid);
}

TEST_F(EngineQueueTest, NextDeadlineIncludesTheRooms) {
    Open();
    EXPECT_EQ(engine_.NextDeadline(), kSale);  // the draw
    JoinAndDraw(1);
    const TimePoint admission_ends =
        *engine_.FindQueue(event_)->Status(UserId{1}, kPaceSettled).admission_expires_at;
    EXPECT_EQ(engine_.NextDeadline(), admission_ends);
    // A hold's deadline that comes first is the engine's next.
    ASSERT_EQ(HoldGa(1, 1, kPaceSettled).outcome, HoldOutcome::kOk);
    EXPECT_EQ(engine_.NextDeadline(), kPaceSettled + 60s);
    std::vector<OrderId> expired;
    engine_.ExpireDue(admission_ends, expired);
    EXPECT_EQ(StatusOf(1, admission_ends), QueueStatus::kExpired);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
}

TEST_F(EngineQueueTest, ABlockedRoomAdmitsWhenAnExpiredHoldGivesSeatsBack) {
    Open(1, 600s);  // the hold outlasts the 300 s admission
    JoinAndDraw(2);
    const auto [first, second] = FirstAndSecond();
    const HoldResult held = HoldGa(first, 1, kPaceSettled);
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    const TimePoint hold_ends = held.order->expires_at;

    // The first's admission ends, but its hold keeps the only seat: nobody is admitted, and the
    // next thing due is the hold's expiry.
    const TimePoint admission_ends =
        *engine_.FindQueue(event_)->Status(UserId{first}, kPaceSettled).admission_expires_at;
    ASSERT_LT(admission_ends, hold_ends);
    std::vector<OrderId> expired;
    engine_.ExpireDue(admission_ends, expired);
    EXPECT_EQ(StatusOf(first, admission_ends), QueueStatus::kExpired);
    EXPECT_EQ(StatusOf(second, admission_ends), QueueStatus::kWaiting);
    EXPECT_EQ(engine_.NextDeadline(), hold_ends);

    // The hold expires: ExpireDue gives the seat back, then pumps.
    engine_.ExpireDue(hold_ends, expired);
    ASSERT_EQ(expired.size(), 1u);
    EXPECT_EQ(StatusOf(second, hold_ends), QueueStatus::kAdmitted);
}

TEST_F(EngineQueueTest, ACancelLetsTheNextPumpAdmit) {
    Open(2, 600s);  // the hold outlasts the 300 s admission
    JoinAndDraw(3);
    const Line line = LineOf(3, kPaceSettled);
    ASSERT_EQ(line.admitted.size(), 2u) << "two seats, two shoppers";
    const std::vector<std::uint64_t>& admitted = line.admitted;
    const std::vector<std::uint64_t>& waiting = line.waiting;
    const HoldResult held = HoldGa(admitted[0], 2, kPaceSettled);
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    // The holder's admission ends; the other still runs and no seat is free: nobody moves up.
    const TimePoint t =
        *engine_.FindQueue(event_)->Status(UserId{admitted[0]}, kPaceSettled).admission_expires_at;
    engine_.PumpQueues(t);
    EXPECT_EQ(StatusOf(waiting[0], t), QueueStatus::kWaiting);
    ASSERT_EQ(engine_.Cancel(held.order->order_id, t), OrderOutcome::kOk);
    engine_.PumpQueues(t);  // what the sequencer does after each run of commands
    EXPECT_EQ(StatusOf(waiting[0], t), QueueStatus::kAdmitted);
}

TEST_F(EngineQueueTest, WaitingTurnsSoldOutOnlyOnceEveryTicketIsSold) {
    OpenOneAtATime(2);
    const auto [first, second] = FirstAndSecond();
    const HoldResult held = HoldGa(first, 2, kPaceSettled);
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    engine_.PumpQueues(kPaceSettled);
    // Held, not sold: the hold may still expire.
    EXPECT_EQ(StatusOf(second, kPaceSettled), QueueStatus::kWaiting);
    // The hold expires: seats come back; the first's admission still runs, so active_max holds
    // the second back until it ends.
    std::vector<OrderId> expired;
    engine_.ExpireDue(held.order->expires_at, expired);
    ASSERT_EQ(expired.size(), 1u);
    EXPECT_EQ(StatusOf(second, held.order->expires_at), QueueStatus::kWaiting);
    // The first buys both seats at last: sold out for whoever still waits.
    const TimePoint later = held.order->expires_at + 1s;
    const HoldResult again = HoldGa(first, 2, later);
    ASSERT_EQ(again.outcome, HoldOutcome::kOk);
    ASSERT_EQ(engine_.Confirm(again.order->order_id, later), OrderOutcome::kOk);
    engine_.PumpQueues(later);
    EXPECT_EQ(StatusOf(second, later), QueueStatus::kSoldOut);
}

TEST_F(EngineQueueTest, RemovingAUserCancelsItsHoldsAndGivesItsPlaceToTheNextInLine) {
    OpenOneAtATime(3);
    const auto [first, second] = FirstAndSecond();
    const HoldResult held = HoldGa(first, 2, kPaceSettled);
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    Drain();

    const UserRemoval removal = engine_.RemoveUser(UserId{first}, kPaceSettled);
    EXPECT_EQ(removal.holds_cancelled, 1u);
    EXPECT_EQ(removal.queue_entries_removed, 1u);
    EXPECT_EQ(engine_.FindOrder(held.order->order_id)->status, OrderStatus::kCancelled);
    EXPECT_EQ(engine_.Counts(event_, 0).available, 3u);
    EXPECT_EQ(StatusOf(first, kPaceSettled), QueueStatus::kRemoved);
    // Both changes are recorded, so the journal keeps the ban's effects.
    const JournalBatch batch = Drain();
    ASSERT_EQ(batch.orders.size(), 1u);
    EXPECT_EQ(batch.orders[0].order.status, OrderStatus::kCancelled);
    ASSERT_EQ(batch.queues.entries.size(), 1u);
    EXPECT_EQ(batch.queues.entries[0].status, EntryStatus::kRemoved);

    engine_.PumpQueues(kPaceSettled);
    EXPECT_EQ(StatusOf(second, kPaceSettled), QueueStatus::kAdmitted);
    EXPECT_EQ(Join(first, kPaceSettled), JoinOutcome::kRemoved) << "a banned account stays out";
    EXPECT_EQ(HoldGa(first, 1, kPaceSettled).outcome, HoldOutcome::kNotAdmitted);
}

TEST_F(EngineQueueTest, RemovingAUserKeepsPaidOrdersAndIsIdempotent) {
    Open(4, 600s);
    JoinAndDraw(1);
    const HoldResult paid = HoldGa(1, 1, kPaceSettled);
    const HoldResult held = HoldGa(1, 1, kPaceSettled);
    ASSERT_EQ(paid.outcome, HoldOutcome::kOk);
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    ASSERT_EQ(engine_.Confirm(paid.order->order_id, kPaceSettled), OrderOutcome::kOk);

    const UserRemoval removal = engine_.RemoveUser(UserId{1}, kPaceSettled);
    EXPECT_EQ(removal.holds_cancelled, 1u);
    EXPECT_EQ(removal.queue_entries_removed, 1u) << "a paid entry is removed too";
    EXPECT_EQ(engine_.FindOrder(paid.order->order_id)->status, OrderStatus::kPaid);
    EXPECT_EQ(engine_.FindOrder(held.order->order_id)->status, OrderStatus::kCancelled);
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 1u);
    engine_.CheckInvariants();

    Drain();
    const UserRemoval again = engine_.RemoveUser(UserId{1}, kPaceSettled);
    EXPECT_EQ(again.holds_cancelled, 0u);
    EXPECT_EQ(again.queue_entries_removed, 0u);
    EXPECT_FALSE(engine_.HasChanges());
    // A user the engine never saw: nothing to remove, nothing recorded.
    EXPECT_EQ(engine_.RemoveUser(UserId{99}, kPaceSettled).holds_cancelled, 0u);
    EXPECT_FALSE(engine_.HasChanges());
}

TEST_F(EngineQueueTest, DrainChangesCarriesTheRoomsRecords) {
    Open();
    JournalBatch batch = Drain();
    ASSERT_EQ(batch.events.size(), 1u);
    ASSERT_EQ(batch.queues.rooms.size(), 1u);
    EXPECT_EQ(batch.queues.rooms[0].event_id, event_);
    EXPECT_EQ(batch.queues.rooms[0].config.sale_starts_at, kSale);
    EXPECT_FALSE(engine_.HasChanges());

    ASSERT_EQ(Join(7, kOpens), JoinOutcome::kJoined);
    EXPECT_TRUE(engine_.HasChanges());
    batch = Drain();
    EXPECT_TRUE(batch.orders.empty());
    ASSERT_EQ(batch.queues.entries.size(), 1u);
    EXPECT_EQ(batch.queues.entries[0].user_id, UserId{7});
    EXPECT_EQ(batch.queues.entries[0].status, EntryStatus::kWaiting);
    ASSERT_EQ(batch.queues.challenges.size(), 1u);
    EXPECT_EQ(batch.queues.challenges[0].challenge, challenge_);

    engine_.PumpQueues(kSale);  // the draw and the first admission
    batch = Drain();
    ASSERT_FALSE(batch.queues.rooms.empty());
    EXPECT_TRUE(batch.queues.rooms.back().drawn);
    ASSERT_EQ(batch.queues.entries.size(), 1u);
    EXPECT_EQ(batch.queues.entries[0].status, EntryStatus::kAdmitted);
}

TEST_F(EngineQueueTest, ConfigureQueueCreatesPatchesAndKeepsTheScheduleOnceOpen) {
    const EventId event = engine_.AddEvent(QueuedEvent(10));
    const QueueSeed seed = test::SeedOf(9);
    EXPECT_EQ(engine_.ConfigureQueue(EventId{99}, {}, seed, kOpens),
              QueueSetupOutcome::kUnknownEvent);
    EXPECT_EQ(engine_.ConfigureQueue(event, QueuePatch{.pow_bits = 3}, seed, kOpens),
              QueueSetupOutcome::kOpensAtRequired);
    EXPECT_EQ(engine_.ConfigureQueue(event, QueuePatch{.opens_at = kSale}, seed, kOpens),
              QueueSetupOutcome::kOpensAfterSaleStart);
    EXPECT_EQ(engine_.LookUpQueue(event), QueueLookup::kNoQueue);
    ASSERT_EQ(engine_.ConfigureQueue(event, QueuePatch{.opens_at = kOpens}, seed, kOpens - 1min),
              QueueSetupOutcome::kCreated);
    EXPECT_EQ(engine_.FindQueue(event)->config().seed, seed);
    EXPECT_EQ(engine_.FindQueue(event)->config().sale_starts_at, kSale);
    // A later PATCH keeps the seed, whatever it is handed.
    ASSERT_EQ(engine_.ConfigureQueue(event, QueuePatch{.pow_bits = 3}, test::SeedOf(1), kOpens),
              QueueSetupOutcome::kUpdated);
    EXPECT_EQ(engine_.FindQueue(event)->config().seed, seed);
    EXPECT_EQ(engine_.FindQueue(event)->config().pow_bits, 3u);
    EXPECT_EQ(engine_.ConfigureQueue(event, QueuePatch{.opens_at = kOpens - 1min}, seed, kOpens),
              QueueSetupOutcome::kScheduleFixed);
}

TEST_F(EngineQueueTest, AJoinOfAnEventWithoutARoomOrOfNoEventFindsNone) {
    const EventId plain = engine_.AddEvent(QueuedEvent(10));
    EXPECT_EQ(engine_.JoinQueue(UserId{1}, plain, 1, kOpens + 1min, kOpens).lookup,
              QueueLookup::kNoQueue);
    EXPECT_EQ(engine_.JoinQueue(UserId{1}, EventId{42}, 1, kOpens + 1min, kOpens).lookup,
              QueueLookup::kUnknownEvent);
}

// What a journal keeps of drained batches: the latest of each order and room record.
struct FoldedEngineJournal {
    std::vector<EventSpec> events;
    std::map<OrderId, OrderRecord> orders;
    test::FoldedJournal room;

    void Append(JournalBatch& batch) {
        for (EventSpec& spec : batch.events) events.push_back(spec);
        for (OrderRecord& record : batch.orders) {
            auto [it, added] = orders.try_emplace(record.order.order_id, record);
            if (!added) it->second.order = record.order;
        }
        room.Append(batch.queues);
    }
};

TEST_F(EngineQueueTest, RestoreRebuildsTheRoomsFromWhatWasDrained) {
    Open();
    FoldedEngineJournal journal;
    JournalBatch batch = Drain();
    journal.Append(batch);
    for (std::uint64_t u = 1; u <= 5; ++u) ASSERT_EQ(Join(u, kOpens), JoinOutcome::kJoined);
    engine_.PumpQueues(kSale);
    engine_.PumpQueues(kPaceSettled);
    ASSERT_EQ(Join(6, kPaceSettled), JoinOutcome::kJoined);  // behind the draw
    std::uint64_t buyer = 0;
    for (std::uint64_t u = 1; u <= 5 && buyer == 0; ++u) {
        if (StatusOf(u, kPaceSettled) == QueueStatus::kAdmitted) buyer = u;
    }
    ASSERT_NE(buyer, 0u);
    const HoldResult held = HoldGa(buyer, 1, kPaceSettled);
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    ASSERT_EQ(engine_.Confirm(held.order->order_id, kPaceSettled), OrderOutcome::kOk);
    batch = Drain();
    journal.Append(batch);

    Engine restored;
    for (const EventSpec& spec : journal.events) restored.RestoreEvent(spec);
    for (const auto& [order_id, record] : journal.orders) restored.Restore(record);
    restored.RestoreQueue(journal.room.Snapshot());
    EXPECT_FALSE(restored.HasChanges());
    restored.CheckInvariants();
    const WaitingRoom& room = *restored.FindQueue(event_);
    EXPECT_EQ(test::Comparable(room.Snapshot(), kPaceSettled),
              test::Comparable(engine_.FindQueue(event_)->Snapshot(), kPaceSettled));
    for (std::uint64_t u = 1; u <= 6; ++u) {
        EXPECT_EQ(room.Status(UserId{u}, kPaceSettled).status, StatusOf(u, kPaceSettled)) << u;
        EXPECT_EQ(room.Status(UserId{u}, kPaceSettled).position,
                  engine_.FindQueue(event_)->Status(UserId{u}, kPaceSettled).position)
            << u;
    }
    EXPECT_EQ(room.Status(UserId{buyer}, kPaceSettled).status, QueueStatus::kPaid);
}

}  // namespace
}  // namespace tix::engine
