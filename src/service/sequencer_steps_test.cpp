// The sequencer's steps driven by hand, without threads: ApplyCommands parks a cancel or a second
// confirm of an order being paid until the payment settles, and CommitBatches makes several
// applied batches durable with one append, and a waiting room blocked on seats admits in the step
// whose command gives them back.
#include "service/sequencer_steps.h"

#include <gtest/gtest.h>

#include <deque>
#include <optional>
#include <utility>
#include <vector>

#include "engine/test_events.h"

namespace tix::service {
namespace {

using namespace std::chrono_literals;

using engine::OrderOutcome;
using engine::OrderStatus;

constexpr TimePoint kStart = At(1'000'000);
constexpr std::chrono::milliseconds kWindow{10'000};
constexpr UserId kBuyer{1};
constexpr OrderId kOrder{1};  // the first hold's id

// Keeps every appended batch; fails every append when told to.
class RecordingJournal final : public engine::Journal {
  public:
    Status Append(const engine::JournalBatch& batch) override {
        appended.push_back(batch);
        return fail ? Status::IoError("disk on fire") : Status::Ok();
    }
    Status Load(engine::RecoveredState&) override { return Status::Ok(); }

    bool fail = false;
    std::vector<engine::JournalBatch> appended;
};

// What one command's completion received; `sequence` orders completions across commands.
struct Answer {
    int calls = 0;
    int sequence = 0;
    bool durable = false;
    std::optional<engine::Reply> reply;

    bool answered() const { return calls > 0; }
    OrderOutcome outcome() const { return std::get<engine::OrderReply>(*reply).outcome; }
    OrderStatus status() const { return std::get<engine::OrderReply>(*reply).order->order.status; }
};

class SequencerStepsTest : public ::testing::Test {
  protected:
    SequencerStepsTest() : event_(engine_.AddEvent(engine::SmallTestEvent())) {}

    // A command whose completion fills a new Answer.
    Submitted Command(engine::Command command, Answer*& answer) {
        answer = &answers_.emplace_back();
        return {std::move(command),
                [this, answer](engine::Reply&& reply, bool durable) {
                    ++answer->calls;
                    answer->sequence = ++completions_;
                    answer->durable = durable;
                    answer->reply = std::move(reply);
                },
                nullptr};
    }
    Submitted Cancel(Answer*& answer) {
        return Command(engine::CancelOrder{{kBuyer, false}, kOrder}, answer);
    }
    Submitted Confirm(Answer*& answer) {
        return Command(engine::BeginPayment{{kBuyer, false}, kOrder, kWindow}, answer);
    }
    Submitted PaymentAnswer(bool approved, Answer*& answer) {
        return Command(engine::CompletePayment{kOrder, approved}, answer);
    }

    // The engine step at now_, without committing.
    AppliedBatch Apply(std::vector<Submitted> commands) {
        AppliedBatch batch;
        ApplyCommands(engine_, commands, now_, batch, parked_);
        return batch;
    }
    // The engine step at now_, then the commit step.
    void Step(std::vector<Submitted> commands) {
        std::deque<AppliedBatch> batches;
        batches.push_back(Apply(std::move(commands)));
        ASSERT_TRUE(CommitBatches(journal_, batches).ok());
        EXPECT_TRUE(batches.empty());
    }
    // Holds 2 GA tickets for kBuyer (order kOrder) and starts paying for them.
    void HoldAndBeginPayment() {
        Answer* held = nullptr;
        Step({Command(
            engine::PlaceHold{
                .user_id = kBuyer, .event_id = event_, .zone_id = "GA", .quantity = 2},
            held)});
        ASSERT_TRUE(held->answered());
        ASSERT_EQ(std::get<engine::HoldReply>(*held->reply).order->order.order_id, kOrder);
        Answer* begun = nullptr;
        Step({Confirm(begun)});
        ASSERT_EQ(begun->outcome(), OrderOutcome::kOk);
        ASSERT_EQ(engine_.FindOrder(kOrder)->status, OrderStatus::kPaymentPending);
    }
    // The order records of the last append.
    std::vector<engine::Order> LastAppendedOrders() const {
        std::vector<engine::Order> orders;
        for (const auto& record : journal_.appended.back().orders) orders.push_back(record.order);
        return orders;
    }

    engine::Engine engine_;
    EventId event_;
    RecordingJournal journal_;
    ParkedCommands parked_;
    TimePoint now_ = kStart;
    std::deque<Answer> answers_;  // stable addresses
    int completions_ = 0;
};

TEST_F(SequencerStepsTest, CancelDuringAPaymentIsAnsweredOnceThePaymentIsApproved) {
    HoldAndBeginPayment();
    Answer* cancel = nullptr;
    Step({Cancel(cancel)});
    EXPECT_FALSE(cancel->answered()) << "answered while the payment was under way";
    EXPECT_EQ(parked_.size(), 1U);
    EXPECT_EQ(engine_.FindOrder(kOrder)->status, OrderStatus::kPaymentPending);

    now_ += 1s;
    Step({});  // a later step that does not touch the order
    EXPECT_FALSE(cancel->answered());

    Answer* payment = nullptr;
    Step({PaymentAnswer(true, payment)});
    ASSERT_TRUE(payment->answered());
    EXPECT_EQ(payment->outcome(), OrderOutcome::kOk);
    ASSERT_TRUE(cancel->answered());
    EXPECT_EQ(cancel->calls, 1);
    EXPECT_TRUE(cancel->durable);
    EXPECT_EQ(cancel->outcome(), OrderOutcome::kPaid);
    EXPECT_EQ(cancel->status(), OrderStatus::kPaid);
    EXPECT_LT(payment->sequence, cancel->sequence);
    EXPECT_TRUE(parked_.empty());
    ASSERT_EQ(LastAppendedOrders().size(), 1U) << "the cancel changed nothing";
    EXPECT_EQ(LastAppendedOrders()[0].status, OrderStatus::kPaid);
}

TEST_F(SequencerStepsTest, CancelDuringADeclinedPaymentCancelsTheHold) {
    HoldAndBeginPayment();
    Answer* cancel = nullptr;
    Step({Cancel(cancel)});
    ASSERT_FALSE(cancel->answered());
    Answer* payment = nullptr;
    Step({PaymentAnswer(false, payment)});
    EXPECT_EQ(payment->outcome(), OrderOutcome::kOk);
    ASSERT_TRUE(cancel->answered());
    EXPECT_EQ(cancel->outcome(), OrderOutcome::kOk);
    EXPECT_EQ(cancel->status(), OrderStatus::kCancelled);
    EXPECT_EQ(engine_.Counts(event_, 0).available, 10U);
}

TEST_F(SequencerStepsTest, SecondConfirmWaitsAndIsAnsweredUnchangedOncePaid) {
    HoldAndBeginPayment();
    Answer* second = nullptr;
    Step({Confirm(second)});
    EXPECT_FALSE(second->answered());

    Answer* payment = nullptr;
    now_ += 500ms;
    Step({PaymentAnswer(true, payment)});
    ASSERT_TRUE(second->answered());
    EXPECT_TRUE(second->durable);
    EXPECT_EQ(second->outcome(), OrderOutcome::kUnchanged);
    EXPECT_EQ(second->status(), OrderStatus::kPaid);
    EXPECT_EQ(engine_.Counts(event_, 0).sold, 2U);
}

TEST_F(SequencerStepsTest, SecondConfirmAfterADeclineStartsTheNextPayment) {
    HoldAndBeginPayment();
    Answer* second = nullptr;
    Step({Confirm(second)});
    Answer* payment = nullptr;
    now_ += 500ms;
    Step({PaymentAnswer(false, payment)});
    ASSERT_TRUE(second->answered());
    EXPECT_EQ(second->outcome(), OrderOutcome::kOk);
    EXPECT_EQ(second->status(), OrderStatus::kPaymentPending);
    EXPECT_EQ(engine_.FindOrder(kOrder)->payment_expires_at, now_ + kWindow);
    const std::vector<engine::Order> records = LastAppendedOrders();
    ASSERT_EQ(records.size(), 2U);
    EXPECT_EQ(records[0].status, OrderStatus::kHeld);
    EXPECT_EQ(records[1].status, OrderStatus::kPaymentPending);
}

TEST_F(SequencerStepsTest, ParkedCancelIsAnsweredWhenThePaymentDeadlineExpiresTheOrder) {
    HoldAndBeginPayment();
    const TimePoint payment_deadline = engine_.FindOrder(kOrder)->payment_expires_at;
    Answer* cancel = nullptr;
    Step({Cancel(cancel)});
    now_ = payment_deadline - 1ms;
    Step({});
    EXPECT_FALSE(cancel->answered());
    now_ = payment_deadline;
    Step({});  // no command: the expiry alone releases it
    ASSERT_TRUE(cancel->answered());
    EXPECT_EQ(cancel->outcome(), OrderOutcome::kExpired);
    EXPECT_EQ(cancel->status(), OrderStatus::kExpired);
}

TEST_F(SequencerStepsTest, CommandsOfOtherOrdersAreNotHeldUp) {
    HoldAndBeginPayment();
    Answer* cancel = nullptr;
    Answer* other = nullptr;
    Step({Cancel(cancel),
          Command(
              engine::PlaceHold{
                  .user_id = UserId{2}, .event_id = event_, .zone_id = "GA", .quantity = 1},
              other)});
    EXPECT_FALSE(cancel->answered());
    ASSERT_TRUE(other->answered());
    EXPECT_EQ(std::get<engine::HoldReply>(*other->reply).outcome, engine::HoldOutcome::kOk);
    // A change to another order releases nothing.
    Answer* other_cancel = nullptr;
    Step({Command(engine::CancelOrder{{UserId{2}, false}, OrderId{2}}, other_cancel)});
    EXPECT_EQ(other_cancel->outcome(), OrderOutcome::kOk);
    EXPECT_FALSE(cancel->answered());
    EXPECT_EQ(parked_.size(), 1U);
}

TEST_F(SequencerStepsTest, FullParkingAnswersPaymentPendingAtOnce) {
    HoldAndBeginPayment();
    // Fill all but one place directly; the last place and one more go through the step.
    std::vector<Answer*> waiting(kParkedCommandsMax);
    for (std::size_t i = 0; i + 1 < kParkedCommandsMax; ++i) {
        Submitted cancel = Cancel(waiting[i]);
        ASSERT_TRUE(parked_.Park(kOrder, cancel));
    }
    Answer* over = nullptr;
    Step({Cancel(waiting.back()), Cancel(over)});
    EXPECT_EQ(parked_.size(), kParkedCommandsMax);
    EXPECT_FALSE(waiting.back()->answered()) << "the last place was free";
    ASSERT_TRUE(over->answered()) << "parking is full: answered as it stands";
    EXPECT_TRUE(over->durable);
    EXPECT_EQ(over->outcome(), OrderOutcome::kPaymentPending);
    EXPECT_EQ(over->status(), OrderStatus::kPaymentPending);

    Answer* payment = nullptr;
    Step({PaymentAnswer(true, payment)});
    EXPECT_TRUE(parked_.empty());
    for (const Answer* answer : waiting) {
        ASSERT_EQ(answer->calls, 1);
        EXPECT_EQ(answer->outcome(), OrderOutcome::kPaid);
    }
}

TEST_F(SequencerStepsTest, CloseHandsBackParkedCommandsToBeAnsweredAsTheyStand) {
    HoldAndBeginPayment();
    Answer* cancel = nullptr;
    Answer* confirm = nullptr;
    Step({Cancel(cancel), Confirm(confirm)});
    ASSERT_EQ(parked_.size(), 2U);

    std::vector<Submitted> closed = parked_.Close();  // the sequencer is stopping
    EXPECT_EQ(closed.size(), 2U);
    EXPECT_TRUE(parked_.empty());
    Step(std::move(closed));  // as Sequencer::EngineLoop does
    ASSERT_TRUE(cancel->answered());
    ASSERT_TRUE(confirm->answered());
    EXPECT_EQ(cancel->outcome(), OrderOutcome::kPaymentPending);
    EXPECT_EQ(confirm->outcome(), OrderOutcome::kPaymentPending);
    EXPECT_TRUE(parked_.empty()) << "a closed parking parks nothing";

    Answer* late = nullptr;
    Step({Cancel(late)});
    ASSERT_TRUE(late->answered());
    EXPECT_EQ(late->outcome(), OrderOutcome::kPaymentPending);
}

// ---- CommitBatches ----

class CommitBatchesTest : public SequencerStepsTest {
  protected:
    // Three engine steps of one hold each, none committed yet.
    std::deque<AppliedBatch> ThreeAppliedBatches(std::vector<Answer*>& held) {
        std::deque<AppliedBatch> batches;
        for (std::uint64_t user = 1; user <= 3; ++user) {
            Answer*& answer = held.emplace_back();
            batches.push_back(Apply({Command(
                engine::PlaceHold{
                    .user_id = UserId{user}, .event_id = event_, .zone_id = "GA", .quantity = 1},
                answer)}));
            now_ += 1ms;
        }
        for (const Answer* answer : held) EXPECT_FALSE(answer->answered()) << "before the commit";
        return batches;
    }
};

TEST_F(CommitBatchesTest, MergesBatchesIntoOneAppendAndCompletesThemInOrder) {
    std::vector<Answer*> held;
    std::deque<AppliedBatch> batches = ThreeAppliedBatches(held);
    ASSERT_TRUE(CommitBatches(journal_, batches).ok());
    EXPECT_TRUE(batches.empty());

    ASSERT_EQ(journal_.appended.size(), 1U);
    const engine::JournalBatch& appended = journal_.appended[0];
    ASSERT_EQ(appended.events.size(), 1U) << "the event added before the first step";
    EXPECT_EQ(appended.events[0].event_id, event_);
    ASSERT_EQ(appended.orders.size(), 3U);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(appended.orders[i].order.order_id, OrderId{i + 1});
        ASSERT_EQ(held[i]->calls, 1);
        EXPECT_TRUE(held[i]->durable);
        EXPECT_EQ(held[i]->sequence, static_cast<int>(i) + 1);
    }
}

TEST_F(CommitBatchesTest, FailedAppendCompletesEveryBatchNotDurable) {
    std::vector<Answer*> held;
    std::deque<AppliedBatch> batches = ThreeAppliedBatches(held);
    journal_.fail = true;
    const Status status = CommitBatches(journal_, batches);
    EXPECT_FALSE(status.ok());
    EXPECT_TRUE(batches.empty());
    EXPECT_EQ(journal_.appended.size(), 1U) << "one attempt for all three";
    for (const Answer* answer : held) {
        ASSERT_EQ(answer->calls, 1);
        EXPECT_FALSE(answer->durable);
    }
}

// A provider payment's records made in the second and third of three merged batches (its intent
// recorded, then its success applied) go out in the one append, like orders do.
TEST_F(CommitBatchesTest, MergesPaymentRecordsOfEveryBatch) {
    HoldAndBeginPayment();  // payment_pending: the intent may be recorded
    std::deque<AppliedBatch> batches;
    Answer* answer = nullptr;
    batches.push_back(Apply({Command(engine::GetOrder{{kBuyer, false}, kOrder}, answer)}));
    engine::Payment intent;
    intent.order_id = kOrder;
    intent.payment_id = "pi_1";
    intent.amount_minor = engine_.FindOrder(kOrder)->amount_minor;
    intent.currency = engine::SmallTestEvent().zones[0].currency;
    batches.push_back(Apply({Command(engine::AttachPayment{intent}, answer)}));
    engine::PaymentEvent event{.event_id = "evt_1",
                               .kind = engine::PaymentEventKind::kPaymentSucceeded,
                               .payment_id = "pi_1",
                               .order_id = kOrder,
                               .amount_minor = intent.amount_minor,
                               .currency = intent.currency};
    batches.push_back(Apply({Command(engine::ApplyPaymentEvent{event}, answer)}));
    ASSERT_TRUE(CommitBatches(journal_, batches).ok());

    ASSERT_EQ(journal_.appended.size(), 3U) << "two steps before, then one for the three batches";
    const engine::PaymentChanges& payments = journal_.appended.back().payments;
    ASSERT_EQ(payments.payments.size(), 2U) << "recorded, then succeeded";
    EXPECT_EQ(payments.payments[0].state, engine::PaymentState::kRequiresPayment);
    EXPECT_EQ(payments.payments[1].state, engine::PaymentState::kSucceeded);
    ASSERT_EQ(payments.events.size(), 1U);
    EXPECT_EQ(payments.events[0].event.event_id, "evt_1");
}

// A waiting room blocked on seats admits in the very step whose command gives seats back, and
// the admission goes out in that step's batch.
TEST_F(SequencerStepsTest, AStepThatGivesSeatsBackAdmitsTheNextInLineAndJournalsIt) {
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.zones.resize(1);
    spec.zones[0].capacity = 1;
    spec.hold = 600s;  // outlasts the admission
    spec.sale_starts_at = kStart - 1min;
    engine::QueueConfig queue;
    queue.opens_at = kStart - 2min;
    queue.admit_per_minute = 600'000;
    queue.admission = 300s;
    queue.pow_bits = 0;
    queue.seed[0] = 1;
    Answer* created = nullptr;
    Step({Command(engine::CreateEvent{spec, queue}, created)});
    const EventId event = std::get<engine::EventReply>(*created->reply).event->event_id;
    const UserId first{7}, second{8};
    auto join = [&](UserId user, std::uint64_t challenge) {
        Answer* joined = nullptr;
        Step({Command(engine::JoinQueue{user, event, challenge, now_ + 1min}, joined)});
        return std::get<engine::QueueStatusReply>(*joined->reply).view.status;
    };
    auto status = [&](UserId user) { return engine_.FindQueue(event)->Status(user, now_).status; };
    ASSERT_EQ(join(first, 1), engine::QueueStatus::kAdmitted) << "a join is pumped at once";
    now_ += 1s;
    ASSERT_EQ(join(second, 2), engine::QueueStatus::kWaiting) << "one seat, one shopper";
    Answer* held = nullptr;
    Step({Command(
        engine::PlaceHold{.user_id = first, .event_id = event, .zone_id = "GA", .quantity = 1},
        held)});
    const OrderId order = std::get<engine::HoldReply>(*held->reply).order->order.order_id;
    now_ += 300s;  // the first's admission ends; its hold keeps the seat
    Step({});
    ASSERT_EQ(status(first), engine::QueueStatus::kExpired);
    ASSERT_EQ(status(second), engine::QueueStatus::kWaiting);

    Answer* cancelled = nullptr;
    Step({Command(engine::CancelOrder{{first, false}, order}, cancelled)});
    EXPECT_EQ(status(second), engine::QueueStatus::kAdmitted);
    bool journaled = false;
    for (const engine::QueueEntryRecord& entry : journal_.appended.back().queues.entries) {
        journaled |= entry.user_id == second && entry.status == engine::EntryStatus::kAdmitted;
    }
    EXPECT_TRUE(journaled) << "the admission is in the cancel's batch";
}

}  // namespace
}  // namespace tix::service
