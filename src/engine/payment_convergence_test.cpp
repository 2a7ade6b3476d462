// The payment property (issue 9): a random set of provider events, each delivered 1 to 3 times in
// random order, converges to the same orders and ledger as the same events delivered once in the
// order they happened; delivered with random delays that cross the deadlines, the books still
// balance: no oversell, money taken is a paid order or on its way back, and no money is kept for
// an order without its tickets. Many seeds; TIX_PAYMENT_SIM_SEED=<n> replays one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/test_events.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kStart = At(1'000'000);
constexpr std::chrono::milliseconds kGrace = 30s;
constexpr int kOrders = 24;  // users 1..24, one order each, in a 10-seat GA zone and 10 seats
constexpr int kSeeds = 300;

// One order's history at the provider, as it happened.
enum class Story { kNothing, kSucceeds, kDeclinedThenSucceeds, kDeclined, kSucceedsThenRefunded };

struct World {
    Engine engine;
    EventId event{};
    std::vector<OrderId> orders;
};

std::string PaymentId(int i) { return "pi_" + std::to_string(i); }

// Holds one ticket (GA or a seat) per user, opens each payment and attaches its intent.
// Deterministic: every world built for a seed is the same.
void Build(World& world) {
    world.event = world.engine.AddEvent(SmallTestEvent());
    for (int i = 0; i < kOrders; ++i) {
        const UserId user{static_cast<std::uint64_t>(i + 1)};
        HoldResult held;
        if (i < 10) {
            held = world.engine.Hold(HoldByQuantity{user, world.event, "GA", 1, false, {}}, kStart);
        } else if (i < 20) {
            const std::vector<std::string> seat{std::string(i < 16 ? "INF-A-" : "INF-B-") +
                                                std::to_string(i < 16 ? i - 9 : i - 15)};
            held = world.engine.Hold(HoldBySeats{user, world.event, seat, {}}, kStart);
        } else {
            held =
                world.engine.Hold(HoldByQuantity{user, world.event, "INF", 1, false, {}}, kStart);
        }
        if (held.outcome != HoldOutcome::kOk) continue;  // the 4 last: sold out, never paid
        const OrderId order_id = held.order->order_id;
        world.orders.push_back(order_id);
        EXPECT_EQ(world.engine.OpenPayment(order_id, kStart + 1s, kGrace), OrderOutcome::kOk);
        const Order& order = *world.engine.FindOrder(order_id);
        Payment intent{order_id, PaymentId(i), "secret", order.amount_minor, "TWD"};
        EXPECT_EQ(world.engine.AttachPayment(intent, kStart + 1s), OrderOutcome::kOk);
    }
}

PaymentEvent EventOf(const World& world, std::size_t order_index, PaymentEventKind kind, int n) {
    const Order& order = *world.engine.FindOrder(world.orders[order_index]);
    PaymentEvent event;
    event.event_id = "evt_" + std::to_string(order_index) + "_" + std::to_string(n);
    event.kind = kind;
    event.payment_id = PaymentId(static_cast<int>(order_index));
    event.order_id = order.order_id;
    event.amount_minor = order.amount_minor;
    event.currency = "TWD";
    if (kind == PaymentEventKind::kRefundSucceeded) event.refund_id = "re_" + event.payment_id;
    return event;
}

// Every order's events, in the order they happened at the provider: the orders' stories
// interleave, each order's own events keep their order.
std::vector<PaymentEvent> History(const World& world, std::mt19937_64& rng,
                                  std::vector<Story>& stories) {
    using K = PaymentEventKind;
    std::vector<std::vector<PaymentEvent>> per_order(world.orders.size());
    for (std::size_t i = 0; i < world.orders.size(); ++i) {
        const Story story = static_cast<Story>(rng() % 5);
        stories.push_back(story);
        std::vector<PaymentEvent>& events = per_order[i];
        if (story == Story::kDeclined || story == Story::kDeclinedThenSucceeds) {
            events.push_back(EventOf(world, i, K::kPaymentFailed, 1));
        }
        if (story == Story::kSucceeds || story == Story::kDeclinedThenSucceeds ||
            story == Story::kSucceedsThenRefunded) {
            events.push_back(EventOf(world, i, K::kPaymentSucceeded, 2));
        }
        if (story == Story::kSucceedsThenRefunded) {
            events.push_back(EventOf(world, i, K::kRefundSucceeded, 3));
        }
        std::reverse(events.begin(), events.end());  // popped from the back
    }
    std::vector<PaymentEvent> history;
    for (;;) {
        std::vector<std::size_t> pending;
        for (std::size_t i = 0; i < per_order.size(); ++i) {
            if (!per_order[i].empty()) pending.push_back(i);
        }
        if (pending.empty()) return history;
        std::vector<PaymentEvent>& next = per_order[pending[rng() % pending.size()]];
        history.push_back(std::move(next.back()));
        next.pop_back();
    }
}

// What a webhook endpoint sees: each event 1 to 3 times, all shuffled, at times within
// [from, from + spread).
struct Delivery {
    TimePoint at;
    PaymentEvent event;
};
std::vector<Delivery> Deliveries(const std::vector<PaymentEvent>& history, std::mt19937_64& rng,
                                 TimePoint from, std::chrono::milliseconds spread) {
    std::vector<Delivery> deliveries;
    for (const PaymentEvent& event : history) {
        const int copies = 1 + static_cast<int>(rng() % 3);
        for (int c = 0; c < copies; ++c) {
            const auto delay =
                std::chrono::milliseconds{static_cast<std::int64_t>(rng() % spread.count())};
            deliveries.push_back({from + delay, event});
        }
    }
    std::shuffle(deliveries.begin(), deliveries.end(), rng);
    std::stable_sort(deliveries.begin(), deliveries.end(),
                     [](const Delivery& a, const Delivery& b) { return a.at < b.at; });
    return deliveries;
}

// The orders' statuses and refund reasons, and the ledger, for comparing two worlds.
struct Books {
    std::map<OrderId, std::pair<OrderStatus, RefundReason>> orders;
    std::vector<Payment> payments;
    std::vector<ZoneCounts> zones;
    bool operator==(const Books&) const = default;
};
Books BooksOf(const World& world) {
    Books books;
    for (const OrderId id : world.orders) {
        const Order& order = *world.engine.FindOrder(id);
        books.orders[id] = {order.status, order.refund_reason};
    }
    books.payments = world.engine.Payments();
    for (Payment& payment : books.payments) {
        payment.updated_at = {};  // when an event came differs; what it did must not
    }
    for (std::uint16_t z = 0; z < 2; ++z)
        books.zones.push_back(world.engine.Counts(world.event, z));
    return books;
}

std::string Describe(const Books& books) {
    std::string text;
    for (const auto& [id, status] : books.orders) {
        text += std::to_string(id.value()) + ":" + std::string(ToString(status.first)) + "/" +
                std::string(ToString(status.second)) + " ";
    }
    return text;
}

void Deliver(World& world, const std::vector<Delivery>& deliveries) {
    for (const Delivery& delivery : deliveries) {
        std::vector<OrderId> expired;
        world.engine.ExpireDue(delivery.at, expired);
        std::optional<RefundDue> refund;
        world.engine.ApplyPaymentEvent(delivery.event, delivery.at, refund);
        world.engine.CheckInvariants();
    }
}

std::vector<std::uint64_t> Seeds() {
    if (const char* replay = std::getenv("TIX_PAYMENT_SIM_SEED")) {
        return {std::strtoull(replay, nullptr, 10)};
    }
    std::vector<std::uint64_t> seeds;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) seeds.push_back(seed);
    return seeds;
}

TEST(PaymentConvergence, AnyDeliveryOrderAndDuplicatesEndAsTheHistoryDoes) {
    for (const std::uint64_t seed : Seeds()) {
        std::mt19937_64 rng(seed);
        World reference, shuffled;
        Build(reference);
        Build(shuffled);
        std::vector<Story> stories;
        const std::vector<PaymentEvent> history = History(reference, rng, stories);
        // Within the hold deadline (60 s after kStart): time plays no part.
        for (const PaymentEvent& event : history) {
            std::optional<RefundDue> refund;
            reference.engine.ApplyPaymentEvent(event, kStart + 2s, refund);
        }
        Deliver(shuffled, Deliveries(history, rng, kStart + 2s, 50s));
        ASSERT_EQ(BooksOf(shuffled), BooksOf(reference))
            << "TIX_PAYMENT_SIM_SEED=" << seed << "\nshuffled:  " << Describe(BooksOf(shuffled))
            << "\nreference: " << Describe(BooksOf(reference));
        // Delivering everything once more changes nothing.
        JournalBatch drained;
        shuffled.engine.DrainChanges(drained);
        Deliver(shuffled, Deliveries(history, rng, kStart + 55s, 1s));
        ASSERT_FALSE(shuffled.engine.HasChanges()) << "TIX_PAYMENT_SIM_SEED=" << seed;
    }
}

TEST(PaymentConvergence, LateAndCrossingDeadlinesTheBooksStillBalance) {
    for (const std::uint64_t seed : Seeds()) {
        std::mt19937_64 rng(seed);
        World world;
        Build(world);
        std::vector<Story> stories;
        const std::vector<PaymentEvent> history = History(world, rng, stories);
        // Past the payment deadline (60 s + 30 s grace); others buy the freed seats meanwhile.
        std::vector<Delivery> deliveries = Deliveries(history, rng, kStart + 2s, 150s);
        for (std::size_t d = 0, buyer = 100; d < deliveries.size(); ++d, ++buyer) {
            Deliver(world, {deliveries[d]});
            if (rng() % 3 == 0) {
                world.engine.Hold(HoldByQuantity{UserId{buyer}, world.event, "INF", 1, false, {}},
                                  deliveries[d].at);
            }
        }
        for (std::size_t i = 0; i < world.orders.size(); ++i) {
            const Order& order = *world.engine.FindOrder(world.orders[i]);
            const Payment& payment = *world.engine.FindPayment(order.order_id);
            const bool took_money =
                stories[i] == Story::kSucceeds || stories[i] == Story::kDeclinedThenSucceeds;
            const std::string where = "TIX_PAYMENT_SIM_SEED=" + std::to_string(seed) + " order " +
                                      std::to_string(order.order_id.value()) + " " +
                                      std::string(ToString(order.status));
            if (took_money) {
                // Paid, or (late, seats gone) the money on its way back.
                EXPECT_TRUE(order.status == OrderStatus::kPaid ||
                            (order.status == OrderStatus::kRefundPending &&
                             order.refund_reason == RefundReason::kLatePayment))
                    << where;
                EXPECT_EQ(payment.state == PaymentState::kRefundPending,
                          order.status == OrderStatus::kRefundPending)
                    << where;
            } else if (stories[i] == Story::kSucceedsThenRefunded) {
                EXPECT_EQ(order.status, OrderStatus::kRefunded) << where;
                EXPECT_EQ(payment.state, PaymentState::kRefunded) << where;
            } else {
                EXPECT_NE(order.status, OrderStatus::kPaid) << where;
                EXPECT_EQ(payment.state, PaymentState::kRequiresPayment) << where;
            }
        }
        if (::testing::Test::HasFailure()) return;
    }
}

}  // namespace
}  // namespace tix::engine
