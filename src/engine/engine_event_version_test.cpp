// Engine::EventVersion and SeatStates: the version grows with every change of an event's
// inventory and only then, and the shared seat-state string is rebuilt only when it grew.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/test_events.h"

namespace tix::engine {
namespace {

constexpr TimePoint kNow = At(1'000'000);
constexpr std::chrono::milliseconds kHold{60'000};  // SmallTestEvent's hold_seconds

class EngineEventVersionTest : public ::testing::Test {
  protected:
    // Runs `change` and expects the event's version to grow.
    template <typename Change>
    void ExpectGrows(const char* what, Change change) {
        const std::uint64_t before = engine_.EventVersion(event_);
        change();
        EXPECT_GT(engine_.EventVersion(event_), before) << what;
    }
    OrderId HoldSeats(UserId user, std::vector<std::string> seats, TimePoint now = kNow) {
        const HoldResult result = engine_.Hold(HoldBySeats{user, event_, seats, {}}, now);
        EXPECT_EQ(result.outcome, HoldOutcome::kOk) << ToString(result.outcome);
        return result.order == nullptr ? OrderId{} : result.order->order_id;
    }

    Engine engine_;
    EventId event_ = engine_.AddEvent(SmallTestEvent());
    EventId other_ = engine_.AddEvent(SmallTestEvent());
};

TEST_F(EngineEventVersionTest, GrowsWithEveryInventoryChange) {
    OrderId paid{};
    OrderId cancelled{};
    OrderId paying{};
    OrderId expiring{};
    ExpectGrows("hold", [&] { paid = HoldSeats(UserId{1}, {"INF-A-1"}); });
    ExpectGrows("confirm", [&] { ASSERT_EQ(engine_.Confirm(paid, kNow), OrderOutcome::kOk); });
    ExpectGrows("hold", [&] { cancelled = HoldSeats(UserId{1}, {"INF-A-2"}); });
    ExpectGrows("cancel", [&] { ASSERT_EQ(engine_.Cancel(cancelled, kNow), OrderOutcome::kOk); });
    ExpectGrows("hold", [&] { paying = HoldSeats(UserId{2}, {"INF-A-3"}); });
    ExpectGrows("begin payment",
                [&] { ASSERT_EQ(engine_.BeginPayment(paying, kNow, kHold), OrderOutcome::kOk); });
    ExpectGrows("declined payment", [&] {
        ASSERT_EQ(engine_.CompletePayment(paying, false, kNow), OrderOutcome::kOk);
    });
    ExpectGrows("begin payment",
                [&] { ASSERT_EQ(engine_.BeginPayment(paying, kNow, kHold), OrderOutcome::kOk); });
    ExpectGrows("approved payment",
                [&] { ASSERT_EQ(engine_.CompletePayment(paying, true, kNow), OrderOutcome::kOk); });
    ExpectGrows("hold", [&] { expiring = HoldSeats(UserId{3}, {"INF-A-4"}); });
    ExpectGrows("expiry", [&] {
        std::vector<OrderId> expired;
        engine_.ExpireDue(kNow + kHold, expired);
        ASSERT_EQ(expired, (std::vector<OrderId>{expiring}));
    });
    const OrderId late = HoldSeats(UserId{3}, {"INF-A-5"});
    ExpectGrows("late confirm",
                [&] { ASSERT_EQ(engine_.Confirm(late, kNow + kHold), OrderOutcome::kExpired); });
    ExpectGrows("restore", [&] {
        Order order;
        order.order_id = OrderId{100};
        order.user_id = UserId{4};
        order.event_id = event_;
        order.quantity = 1;
        order.amount_minor = 500;
        order.status = OrderStatus::kPaid;
        engine_.Restore({order, ""});
    });
    EXPECT_EQ(engine_.EventVersion(other_), 0U) << "another event's changes are not its own";
}

TEST_F(EngineEventVersionTest, StaysWhenNothingChanges) {
    const OrderId paid = HoldSeats(UserId{1}, {"INF-A-1"});
    ASSERT_EQ(engine_.Confirm(paid, kNow), OrderOutcome::kOk);
    const std::uint64_t version = engine_.EventVersion(event_);
    ASSERT_GT(version, 0U);

    // Reads.
    engine_.SeatStates(event_);
    engine_.RowStates(event_, 1, 0);
    engine_.Counts(event_, 0);
    engine_.FindOrder(paid);
    // Refusals and no-ops.
    EXPECT_EQ(engine_.Confirm(paid, kNow), OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.Cancel(paid, kNow), OrderOutcome::kPaid);
    EXPECT_EQ(
        engine_.Hold(HoldBySeats{UserId{2}, event_, std::vector<std::string>{"INF-A-1"}, {}}, kNow)
            .outcome,
        HoldOutcome::kSeatTaken);
    std::vector<OrderId> expired;
    engine_.ExpireDue(kNow + 10 * kHold, expired);
    EXPECT_TRUE(expired.empty());
    // Another event's change.
    ASSERT_EQ(engine_.Hold(HoldByQuantity{UserId{1}, other_, "GA", 1, false, {}}, kNow).outcome,
              HoldOutcome::kOk);

    EXPECT_EQ(engine_.EventVersion(event_), version);
    EXPECT_EQ(engine_.EventVersion(EventId{event_.value() + 10}), 0U);
}

TEST_F(EngineEventVersionTest, SeatStatesAreSharedUntilTheVersionChanges) {
    const std::shared_ptr<const std::string> fresh = engine_.SeatStates(event_);
    ASSERT_NE(fresh, nullptr);
    EXPECT_EQ(*fresh,
              "AAAAAA"
              "AAAA");  // INF rows A and B; GA has no seats
    EXPECT_EQ(engine_.SeatStates(event_), fresh) << "the same string, not a copy";

    const OrderId paid = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    HoldSeats(UserId{2}, {"INF-B-4"});
    ASSERT_EQ(engine_.Confirm(paid, kNow), OrderOutcome::kOk);
    const std::shared_ptr<const std::string> changed = engine_.SeatStates(event_);
    EXPECT_NE(changed, fresh);
    EXPECT_EQ(*changed,
              "SSAAAA"
              "AAAH");
    EXPECT_EQ(*fresh,
              "AAAAAA"
              "AAAA")
        << "a reader's string never changes under it";
    EXPECT_EQ(engine_.SeatStates(event_), changed);

    // A change of a GA zone changes the version, so the string is rebuilt, equal.
    ASSERT_EQ(engine_.Hold(HoldByQuantity{UserId{3}, event_, "GA", 1, false, {}}, kNow).outcome,
              HoldOutcome::kOk);
    const std::shared_ptr<const std::string> after_ga = engine_.SeatStates(event_);
    EXPECT_EQ(*after_ga, *changed);
    EXPECT_EQ(engine_.SeatStates(event_), after_ga);
    EXPECT_EQ(engine_.SeatStates(EventId{event_.value() + 10}), nullptr);
}

}  // namespace
}  // namespace tix::engine
