// Tickets (issue 10; engine_tickets.cpp, ticket_book.h): issued when an order becomes paid,
// revoked when its money goes back, transferred, scanned at the gates with a merge that does not
// depend on arrival order, journaled and restored.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/dispatch.h"
#include "engine/engine.h"
#include "engine/test_events.h"
#include "engine/test_tickets.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kNow = At(1'000'000);
constexpr TimePoint kDoors = At(999'000'000);  // SmallTestEvent starts at At(1'000'000'000)
constexpr TimePoint kStart = At(1'000'000'000);
constexpr std::chrono::milliseconds kGrace = 300s;
constexpr std::uint16_t kGaZone = 0;
constexpr std::uint16_t kInfZone = 1;
constexpr UserId kAnn{1};
constexpr UserId kBob{2};
constexpr UserId kCid{3};

class TicketTest : public ::testing::Test {
  protected:
    TicketTest() : event_(engine_.AddEvent(SmallTestEvent())) {}

    Order HoldSeats(UserId user, const std::vector<std::string>& seats, TimePoint now = kNow) {
        const HoldResult held = engine_.Hold(HoldBySeats{user, event_, seats, {}}, now);
        EXPECT_EQ(held.outcome, HoldOutcome::kOk) << ToString(held.outcome);
        return held.order == nullptr ? Order{} : *held.order;
    }
    // Held and paid with no payment step (Confirm).
    Order PaySeats(UserId user, const std::vector<std::string>& seats, TimePoint now = kNow) {
        const Order order = HoldSeats(user, seats, now);
        EXPECT_EQ(engine_.Confirm(order.order_id, now + 1s), OrderOutcome::kOk);
        engine_.CheckInvariants();
        return *engine_.FindOrder(order.order_id);
    }
    Order PayGa(UserId user, std::uint32_t quantity, TimePoint now = kNow) {
        const HoldResult held =
            engine_.Hold(HoldByQuantity{user, event_, "GA", quantity, false, {}}, now);
        EXPECT_EQ(held.outcome, HoldOutcome::kOk) << ToString(held.outcome);
        if (held.order == nullptr) return {};
        const OrderId order_id = held.order->order_id;
        EXPECT_EQ(engine_.Confirm(order_id, now + 1s), OrderOutcome::kOk);
        engine_.CheckInvariants();
        return *engine_.FindOrder(order_id);
    }
    // Held, its payment opened and its intent attached: paid once a succeeded event comes.
    Order OpenWithIntent(UserId user, const std::vector<std::string>& seats, TimePoint now = kNow) {
        const Order order = HoldSeats(user, seats, now);
        EXPECT_EQ(engine_.OpenPayment(order.order_id, now + 1s, kGrace), OrderOutcome::kOk);
        const Payment intent{order.order_id, PaymentIdOf(order.order_id), "secret",
                             order.amount_minor, "TWD"};
        EXPECT_EQ(engine_.AttachPayment(intent, now + 2s), OrderOutcome::kOk);
        return order;
    }
    // Paid through the provider (a webhook), so that it may be refunded.
    Order PayThroughProvider(UserId user, const std::vector<std::string>& seats,
                             TimePoint now = kNow) {
        const Order order = OpenWithIntent(user, seats, now);
        EXPECT_EQ(Deliver(PaymentEventKind::kPaymentSucceeded, order.order_id, now + 10s),
                  PaymentEventOutcome::kApplied);
        return *engine_.FindOrder(order.order_id);
    }
    static std::string PaymentIdOf(OrderId order_id) {
        return "pi_" + std::to_string(order_id.value());
    }
    PaymentEventOutcome Deliver(PaymentEventKind kind, OrderId order_id, TimePoint now) {
        const Order& order = *engine_.FindOrder(order_id);
        PaymentEvent event;
        event.event_id = "evt_" + std::to_string(++events_delivered_);
        event.kind = kind;
        event.payment_id = PaymentIdOf(order_id);
        event.order_id = order_id;
        event.amount_minor = order.amount_minor;
        event.currency = "TWD";
        if (kind == PaymentEventKind::kRefundSucceeded) event.refund_id = "re_" + event.payment_id;
        std::optional<RefundDue> refund;
        const PaymentEventOutcome outcome = engine_.ApplyPaymentEvent(event, now, refund);
        engine_.CheckInvariants();
        return outcome;
    }
    // A refund asked through the one dispatch, as the HTTP route asks it.
    OrderOutcome RefundAs(Actor actor, OrderId order_id, TimePoint now) {
        Command command = RequestRefund{actor, order_id};
        const Reply reply = Apply(engine_, command, now);
        engine_.CheckInvariants();
        return std::get<PaymentReply>(reply).outcome;
    }
    TransferOutcome Transfer(const Ticket& ticket, UserId from, UserId to, TimePoint now = kNow) {
        const TransferOutcome outcome = engine_.TransferTicket(ticket.ticket_id, from, to, now);
        engine_.CheckInvariants();
        return outcome;
    }
    ScanResult ScanAt(const Ticket& ticket, std::string_view gate, TimePoint at, bool online = true,
                      std::uint32_t version = 0) {
        return ScanOf(ticket.ticket_id, gate, at, online, version, event_);
    }
    ScanResult ScanOf(const TicketId& ticket_id, std::string_view gate, TimePoint at, bool online,
                      std::uint32_t version, EventId event_id) {
        const ScanResult result =
            engine_.RecordScan({ticket_id, version, event_id, gate, at, online});
        engine_.CheckInvariants();
        return result;
    }
    std::vector<Ticket> TicketsOf(const Order& order) const {
        return engine_.TicketsOfOrder(order.order_id);
    }
    const Ticket& Now(const Ticket& ticket) const { return *engine_.FindTicket(ticket.ticket_id); }
    std::vector<TicketId> IdsHeldBy(UserId holder) const {
        std::vector<TicketId> ids;
        for (const Ticket& ticket : engine_.TicketsHeldBy(holder)) ids.push_back(ticket.ticket_id);
        return ids;
    }
    CheckInStats Stats() const { return engine_.TicketStats(event_); }

    Engine engine_;
    EventId event_;
    int events_delivered_ = 0;
};

// ---- Issue ----

TEST_F(TicketTest, ConfirmIssuesOneTicketPerSeat) {
    const Order seated = PaySeats(kAnn, {"INF-B-3", "INF-A-2", "INF-A-5"});
    const std::vector<Ticket> tickets = TicketsOf(seated);
    ASSERT_EQ(tickets.size(), 3u);
    for (std::uint8_t unit = 0; unit < 3; ++unit) {
        const Ticket& ticket = tickets[unit];
        EXPECT_EQ(ticket.unit, unit);
        EXPECT_EQ(ticket.seat, seated.seats[unit]) << "the order's seat indices, in its order";
        EXPECT_EQ(ticket.order_id, seated.order_id);
        EXPECT_EQ(ticket.event_id, event_);
        EXPECT_EQ(ticket.holder, kAnn);
        EXPECT_EQ(ticket.zone_index, kInfZone);
        EXPECT_EQ(ticket.version, 1u);
        EXPECT_EQ(ticket.status, TicketStatus::kValid);
        EXPECT_EQ(ticket.issue_seq, unit + 1u);
        EXPECT_EQ(ticket.bundle_version, 0u);
        EXPECT_EQ(ticket.issued_at, kNow + 1s) << "issued when paid";
        EXPECT_EQ(engine_.SeatId(event_, kInfZone, ticket.seat),
                  (std::vector<std::string>{"INF-A-2", "INF-A-5", "INF-B-3"}[unit]));
    }

    const Order ga = PayGa(kBob, 3);
    const std::vector<Ticket> standing = TicketsOf(ga);
    ASSERT_EQ(standing.size(), 3u);
    for (std::uint8_t unit = 0; unit < 3; ++unit) {
        EXPECT_EQ(standing[unit].seat, unit) << "general admission: the seat is the unit";
        EXPECT_EQ(standing[unit].zone_index, kGaZone);
        EXPECT_EQ(standing[unit].holder, kBob);
        EXPECT_EQ(standing[unit].issue_seq, 4u + unit) << "issue order runs across orders";
    }
    EXPECT_EQ(engine_.TicketStats(event_).issued, 6u);
}

TEST_F(TicketTest, AnOrderNotPaidHasNoTickets) {
    const Order held = HoldSeats(kAnn, {"INF-A-1"});
    EXPECT_TRUE(TicketsOf(held).empty());
    ASSERT_EQ(engine_.Cancel(held.order_id, kNow + 1s), OrderOutcome::kOk);
    const Order expired = HoldSeats(kBob, {"INF-A-2"});
    std::vector<OrderId> gone;
    engine_.ExpireDue(kNow + 1h, gone);
    EXPECT_TRUE(TicketsOf(held).empty());
    EXPECT_TRUE(TicketsOf(expired).empty());
    EXPECT_TRUE(engine_.TicketsOfOrder(OrderId{99}).empty());
    EXPECT_TRUE(engine_.TicketsHeldBy(kAnn).empty());
    EXPECT_EQ(engine_.TicketStats(event_).issued, 0u);
    engine_.CheckInvariants();
}

TEST_F(TicketTest, TicketIdsAreUniqueAndDependOnTheKey) {
    const auto buy = [&](Engine& engine) {
        const EventId event = engine.AddEvent(SmallTestEvent());
        for (std::uint64_t user = 1; user <= 5; ++user) {
            const HoldResult held = engine.Hold(
                HoldByQuantity{UserId{user}, event, user % 2 ? "GA" : "INF", 2, true, {}}, kNow);
            EXPECT_EQ(held.outcome, HoldOutcome::kOk);
            EXPECT_EQ(engine.Confirm(held.order->order_id, kNow + 1s), OrderOutcome::kOk);
        }
        std::vector<TicketId> ids;
        for (std::uint64_t user = 1; user <= 5; ++user) {
            for (const Ticket& ticket : engine.TicketsHeldBy(UserId{user})) {
                ids.push_back(ticket.ticket_id);
            }
        }
        return ids;
    };
    Engine plain, same, keyed;
    std::array<std::uint8_t, 32> key{};
    key[0] = 1;
    keyed.SetTicketIdKey(key);
    const std::vector<TicketId> ids = buy(plain);
    ASSERT_EQ(ids.size(), 10u);
    EXPECT_EQ(std::set<TicketId>(ids.begin(), ids.end()).size(), ids.size());
    EXPECT_EQ(buy(same), ids) << "derived, not drawn: the same calls, the same ids";
    const std::vector<TicketId> other = buy(keyed);
    ASSERT_EQ(other.size(), ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_NE(other[i], ids[i]) << i;
    EXPECT_EQ(ParseTicketId(ToHex(ids[0])), ids[0]);
}

TEST_F(TicketTest, TicketsAreListedByHolderInIssueOrderAndByOrderByUnit) {
    const Order first = PayGa(kAnn, 2);
    const Order bobs = PaySeats(kBob, {"INF-A-1"});
    const Order second = PaySeats(kAnn, {"INF-B-4", "INF-B-1"});
    std::vector<TicketId> expected;
    for (const Order& order : {first, second}) {
        for (const Ticket& ticket : TicketsOf(order)) expected.push_back(ticket.ticket_id);
    }
    EXPECT_EQ(IdsHeldBy(kAnn), expected);
    ASSERT_EQ(engine_.TicketsHeldBy(kBob).size(), 1u);
    EXPECT_EQ(engine_.TicketsHeldBy(kBob)[0], TicketsOf(bobs)[0]);
    EXPECT_TRUE(engine_.TicketsHeldBy(kCid).empty());
    const std::vector<Ticket> of_second = TicketsOf(second);
    ASSERT_EQ(of_second.size(), 2u);
    EXPECT_EQ(of_second[0].unit, 0u);
    EXPECT_EQ(of_second[1].unit, 1u);
    EXPECT_EQ(*engine_.FindTicket(of_second[1].ticket_id), of_second[1]);
    EXPECT_EQ(engine_.FindTicket(TicketId{}), nullptr);
}

TEST_F(TicketTest, AWebhookPaidOrderIssuesTicketsRecordedWithIt) {
    const Order order = OpenWithIntent(kAnn, {"INF-A-1", "INF-A-2"});
    JournalBatch before;
    engine_.DrainChanges(before);
    EXPECT_TRUE(before.tickets.empty());
    EXPECT_TRUE(TicketsOf(order).empty()) << "payment under way: no ticket yet";
    EXPECT_EQ(Deliver(PaymentEventKind::kPaymentSucceeded, order.order_id, kNow + 10s),
              PaymentEventOutcome::kApplied);
    const std::vector<Ticket> tickets = TicketsOf(order);
    ASSERT_EQ(tickets.size(), 2u);
    EXPECT_EQ(tickets[0].issued_at, kNow + 10s);
    JournalBatch batch;
    engine_.DrainChanges(batch);
    ASSERT_EQ(batch.orders.size(), 1u);
    EXPECT_EQ(batch.orders[0].order.status, OrderStatus::kPaid);
    EXPECT_EQ(batch.tickets.tickets, tickets) << "journaled in the batch that pays the order";
    EXPECT_TRUE(batch.tickets.scans.empty());
}

TEST_F(TicketTest, ALatePaymentThatRetakesItsSeatsIssuesTickets) {
    const Order order = OpenWithIntent(kAnn, {"INF-A-1", "INF-A-2"});
    std::vector<OrderId> expired;
    engine_.ExpireDue(kNow + 1h, expired);
    ASSERT_EQ(engine_.FindOrder(order.order_id)->status, OrderStatus::kExpired);
    EXPECT_EQ(Deliver(PaymentEventKind::kPaymentSucceeded, order.order_id, kNow + 1h + 1s),
              PaymentEventOutcome::kLatePaid);
    const std::vector<Ticket> tickets = TicketsOf(order);
    ASSERT_EQ(tickets.size(), 2u);
    EXPECT_EQ(tickets[0].holder, kAnn);
    EXPECT_EQ(tickets[1].issued_at, kNow + 1h + 1s);
}

TEST_F(TicketTest, ALatePaymentGivenBackIssuesNoTickets) {
    const Order order = OpenWithIntent(kAnn, {"INF-A-1", "INF-A-2"});
    std::vector<OrderId> expired;
    engine_.ExpireDue(kNow + 1h, expired);
    PaySeats(kBob, {"INF-A-2"}, kNow + 1h);
    EXPECT_EQ(Deliver(PaymentEventKind::kPaymentSucceeded, order.order_id, kNow + 1h + 5s),
              PaymentEventOutcome::kLateRefunded);
    EXPECT_TRUE(TicketsOf(order).empty());
    EXPECT_EQ(Deliver(PaymentEventKind::kRefundSucceeded, order.order_id, kNow + 1h + 6s),
              PaymentEventOutcome::kApplied);
    EXPECT_TRUE(TicketsOf(order).empty());
    EXPECT_EQ(Stats().revoked, 0u);
}

// ---- Revocation ----

TEST_F(TicketTest, ARequestedRefundRevokesTheTicketsAndTheBundleListsThem) {
    const Order order = PayThroughProvider(kAnn, {"INF-A-1", "INF-A-2"});
    const Order other = PayGa(kBob, 1);
    EXPECT_EQ(engine_.TicketBundle(event_, 0).bundle_version, 0u);
    EXPECT_TRUE(engine_.TicketBundle(event_, 0).changed.empty());

    std::optional<RefundDue> refund;
    ASSERT_EQ(engine_.RequestRefund(order.order_id, kNow + 1min, refund), OrderOutcome::kOk);
    engine_.CheckInvariants();
    const std::vector<Ticket> revoked = TicketsOf(order);
    ASSERT_EQ(revoked.size(), 2u);
    for (const Ticket& ticket : revoked) {
        EXPECT_EQ(ticket.status, TicketStatus::kRevoked);
        EXPECT_EQ(ticket.updated_at, kNow + 1min);
    }
    EXPECT_EQ(revoked[0].bundle_version, 1u);
    EXPECT_EQ(revoked[1].bundle_version, 2u);
    EXPECT_EQ(TicketsOf(other)[0].status, TicketStatus::kValid);

    const BundleDelta all = engine_.TicketBundle(event_, 0);
    EXPECT_EQ(all.bundle_version, 2u);
    EXPECT_EQ(all.issued, 3u);
    EXPECT_EQ(all.changed, revoked);
    const BundleDelta since_one = engine_.TicketBundle(event_, 1);
    ASSERT_EQ(since_one.changed.size(), 1u);
    EXPECT_EQ(since_one.changed[0], revoked[1]);
    EXPECT_TRUE(engine_.TicketBundle(event_, 2).changed.empty());
    EXPECT_EQ(Stats().revoked, 2u);

    // Revoked tickets open no gate and go to nobody.
    EXPECT_EQ(ScanAt(revoked[0], "north", kDoors).outcome, ScanOutcome::kRevoked);
    EXPECT_FALSE(engine_.FirstScan(revoked[0].ticket_id));
    EXPECT_EQ(Transfer(revoked[1], kAnn, kBob), TransferOutcome::kRevoked);

    // The money back revokes nothing more: the bundle does not move.
    EXPECT_EQ(Deliver(PaymentEventKind::kRefundSucceeded, order.order_id, kNow + 2min),
              PaymentEventOutcome::kApplied);
    EXPECT_EQ(engine_.TicketBundle(event_, 0).bundle_version, 2u);
    EXPECT_EQ(TicketsOf(order), revoked);
}

TEST_F(TicketTest, ARefundMadeAtTheProviderRevokesTheTickets) {
    const Order order = PayThroughProvider(kAnn, {"INF-A-1"});
    EXPECT_EQ(Deliver(PaymentEventKind::kRefundSucceeded, order.order_id, kNow + 1min),
              PaymentEventOutcome::kApplied);
    ASSERT_EQ(engine_.FindOrder(order.order_id)->status, OrderStatus::kRefunded);
    EXPECT_EQ(TicketsOf(order)[0].status, TicketStatus::kRevoked);
    EXPECT_EQ(engine_.TicketBundle(event_, 0).changed.size(), 1u);
}

TEST_F(TicketTest, AnOwnerMayNotRefundTicketsGivenAwayButAnAdminMay) {
    const Order order = PayThroughProvider(kAnn, {"INF-A-1", "INF-A-2"});
    const Ticket given = TicketsOf(order)[1];
    ASSERT_EQ(Transfer(given, kAnn, kBob), TransferOutcome::kOk);
    EXPECT_EQ(RefundAs({kAnn, false}, order.order_id, kNow + 1min),
              OrderOutcome::kTicketsTransferred);
    EXPECT_EQ(engine_.FindOrder(order.order_id)->status, OrderStatus::kPaid);
    EXPECT_EQ(Now(given).status, TicketStatus::kValid);
    EXPECT_EQ(RefundAs({kBob, false}, order.order_id, kNow + 1min), OrderOutcome::kForbidden)
        << "holding a ticket of an order is not owning it";

    EXPECT_EQ(RefundAs({kCid, true}, order.order_id, kNow + 2min), OrderOutcome::kOk);
    EXPECT_EQ(engine_.FindOrder(order.order_id)->status, OrderStatus::kRefundPending);
    EXPECT_EQ(Now(given).status, TicketStatus::kRevoked) << "Bob's ticket too";
    EXPECT_EQ(Now(given).holder, kBob);
    // The ticket changed twice (given, revoked) is in the bundle once, as it is now.
    const BundleDelta bundle = engine_.TicketBundle(event_, 0);
    EXPECT_EQ(bundle.bundle_version, 3u);
    EXPECT_EQ(bundle.changed, (std::vector<Ticket>{TicketsOf(order)[0], Now(given)}));
}

TEST_F(TicketTest, AnOwnerMayNotRefundTicketsUsedButAnAdminMay) {
    const Order order = PayThroughProvider(kAnn, {"INF-A-1", "INF-A-2"});
    const Ticket used = TicketsOf(order)[0];
    ASSERT_EQ(ScanAt(used, "north", kNow + 1min).outcome, ScanOutcome::kAdmitted);
    EXPECT_EQ(RefundAs({kAnn, false}, order.order_id, kNow + 2min), OrderOutcome::kTicketsUsed);
    EXPECT_EQ(engine_.FindOrder(order.order_id)->status, OrderStatus::kPaid);

    EXPECT_EQ(RefundAs({kCid, true}, order.order_id, kNow + 3min), OrderOutcome::kOk);
    EXPECT_EQ(Now(used).status, TicketStatus::kRevoked);
    EXPECT_EQ(engine_.FirstScan(used.ticket_id)->gate, "north") << "its admission stays on record";
    EXPECT_EQ(Stats().admitted, 1u);
    EXPECT_EQ(Stats().revoked, 2u);
}

// A ticket checked in online, or uploaded by another gate, must reach the offline gates: its
// first scan (valid -> used) is a bundle change like a revocation.
TEST_F(TicketTest, ACheckInIsABundleChangeSentOnceInItsLatestState) {
    const Order order = PayThroughProvider(kAnn, {"INF-A-1", "INF-A-2"});
    const std::vector<Ticket> tickets = TicketsOf(order);
    const Ticket other = TicketsOf(PayGa(kBob, 1))[0];
    ASSERT_EQ(Transfer(tickets[1], kAnn, kBob, kNow + 1min), TransferOutcome::kOk);
    ASSERT_EQ(engine_.TicketBundle(event_, 0).bundle_version, 1u);
    JournalBatch drained;
    engine_.DrainChanges(drained);

    ASSERT_EQ(ScanAt(tickets[0], "north", kDoors).outcome, ScanOutcome::kAdmitted);
    const Ticket used = Now(tickets[0]);
    EXPECT_EQ(used.status, TicketStatus::kUsed);
    EXPECT_EQ(used.bundle_version, 2u);
    EXPECT_EQ(used.updated_at, kDoors);
    const BundleDelta after_scan = engine_.TicketBundle(event_, 1);
    EXPECT_EQ(after_scan.bundle_version, 2u);
    EXPECT_EQ(after_scan.changed, (std::vector<Ticket>{used}));
    EXPECT_TRUE(engine_.TicketBundle(event_, 2).changed.empty());
    JournalBatch batch;
    engine_.DrainChanges(batch);
    EXPECT_EQ(batch.tickets.tickets, (std::vector<Ticket>{used})) << "journaled with its version";

    // Scans of a ticket used already change nothing a gate needs: a double entry, the same scan
    // again, an earlier upload that takes the admission over, a refused scan.
    EXPECT_EQ(ScanAt(tickets[0], "south", kDoors + 1min).outcome, ScanOutcome::kDoubleEntry);
    EXPECT_EQ(ScanAt(tickets[0], "north", kDoors, false).outcome, ScanOutcome::kAlreadyRecorded);
    EXPECT_EQ(ScanAt(tickets[0], "west", kDoors - 1min, false).outcome, ScanOutcome::kAdmitted);
    EXPECT_EQ(ScanAt(tickets[1], "north", kDoors, true, /*version=*/1).outcome,
              ScanOutcome::kRevoked);
    EXPECT_EQ(engine_.TicketBundle(event_, 0).bundle_version, 2u);
    EXPECT_EQ(Now(tickets[0]).bundle_version, 2u);

    // Uploaded by an offline gate: a change too; the transferred ticket is sent once, used, at
    // its new version.
    ASSERT_EQ(ScanAt(tickets[1], "south", kDoors + 2min, false, /*version=*/2).outcome,
              ScanOutcome::kAdmitted);
    const Ticket uploaded = Now(tickets[1]);
    EXPECT_EQ(uploaded.bundle_version, 3u);
    EXPECT_EQ(uploaded.version, 2u);
    EXPECT_EQ(engine_.TicketBundle(event_, 0).changed, (std::vector<Ticket>{used, uploaded}));
    EXPECT_EQ(engine_.TicketBundle(event_, 2).changed, (std::vector<Ticket>{uploaded}));

    // Revoked afterwards (an admin's refund): sent once more, revoked.
    ASSERT_EQ(RefundAs({kCid, true}, order.order_id, kDoors + 1h), OrderOutcome::kOk);
    const BundleDelta refunded = engine_.TicketBundle(event_, 1);
    EXPECT_EQ(refunded.bundle_version, 5u);
    EXPECT_EQ(refunded.changed, (std::vector<Ticket>{Now(tickets[0]), Now(tickets[1])}));
    for (const Ticket& ticket : refunded.changed) {
        EXPECT_EQ(ticket.status, TicketStatus::kRevoked);
    }
    EXPECT_EQ(Now(other).bundle_version, 0u) << "never scanned, never changed";
    engine_.CheckInvariants();
}

TEST_F(TicketTest, AnOwnerWhoseTicketsAreAllTheirsAndUnusedMayRefund) {
    const Order order = PayThroughProvider(kAnn, {"INF-A-1", "INF-A-2"});
    // Given away and given back: Ann holds them all again.
    const Ticket ticket = TicketsOf(order)[0];
    ASSERT_EQ(Transfer(ticket, kAnn, kBob), TransferOutcome::kOk);
    ASSERT_EQ(Transfer(ticket, kBob, kAnn), TransferOutcome::kOk);
    EXPECT_EQ(RefundAs({kAnn, false}, order.order_id, kNow + 1min), OrderOutcome::kOk);
    EXPECT_EQ(Now(ticket).status, TicketStatus::kRevoked);
}

// ---- Transfer ----

TEST_F(TicketTest, TransferGivesTheTicketWithTheNextVersion) {
    const Order order = PaySeats(kAnn, {"INF-A-1", "INF-A-2"});
    const Order later = PayGa(kBob, 1);
    const std::vector<Ticket> tickets = TicketsOf(order);
    JournalBatch drained;
    engine_.DrainChanges(drained);

    ASSERT_EQ(Transfer(tickets[0], kAnn, kBob, kNow + 1min), TransferOutcome::kOk);
    const Ticket& given = Now(tickets[0]);
    EXPECT_EQ(given.holder, kBob);
    EXPECT_EQ(given.version, 2u);
    EXPECT_EQ(given.status, TicketStatus::kValid);
    EXPECT_EQ(given.updated_at, kNow + 1min);
    EXPECT_EQ(given.bundle_version, 1u) << "gates must learn the new version";
    EXPECT_EQ(IdsHeldBy(kAnn), (std::vector<TicketId>{tickets[1].ticket_id}));
    EXPECT_EQ(IdsHeldBy(kBob),
              (std::vector<TicketId>{tickets[0].ticket_id, TicketsOf(later)[0].ticket_id}))
        << "in issue order";

    JournalBatch batch;
    engine_.DrainChanges(batch);
    EXPECT_EQ(batch.tickets.tickets, (std::vector<Ticket>{given}));
    EXPECT_TRUE(batch.orders.empty());

    ASSERT_EQ(Transfer(given, kBob, kCid, kNow + 2min), TransferOutcome::kOk);
    EXPECT_EQ(Now(tickets[0]).version, 3u);
    EXPECT_EQ(IdsHeldBy(kBob), (std::vector<TicketId>{TicketsOf(later)[0].ticket_id}));
}

TEST_F(TicketTest, TransferRefusals) {
    const Order order = PayThroughProvider(kAnn, {"INF-A-1", "INF-A-2", "INF-A-3"});
    const std::vector<Ticket> tickets = TicketsOf(order);
    EXPECT_EQ(Transfer(tickets[0], kBob, kCid), TransferOutcome::kUnknownTicket)
        << "only its holder gives it";
    Ticket unknown = tickets[0];
    unknown.ticket_id.bytes[0] ^= 0xff;
    EXPECT_EQ(Transfer(unknown, kAnn, kBob), TransferOutcome::kUnknownTicket);
    EXPECT_EQ(Transfer(tickets[0], kAnn, kAnn), TransferOutcome::kSameHolder);

    ASSERT_EQ(ScanAt(tickets[1], "north", kDoors).outcome, ScanOutcome::kAdmitted);
    EXPECT_EQ(Transfer(tickets[1], kAnn, kBob, kDoors), TransferOutcome::kCheckedIn);

    EXPECT_EQ(Transfer(tickets[0], kAnn, kBob, kStart), TransferOutcome::kEventStarted);
    EXPECT_EQ(Transfer(tickets[0], kAnn, kBob, kStart + 1h), TransferOutcome::kEventStarted);
    EXPECT_EQ(Transfer(tickets[0], kAnn, kBob, kStart - 1ms), TransferOutcome::kOk);
    EXPECT_EQ(Now(tickets[0]).holder, kBob);

    EXPECT_EQ(RefundAs({kCid, true}, order.order_id, kStart), OrderOutcome::kOk);
    EXPECT_EQ(Transfer(tickets[2], kAnn, kBob), TransferOutcome::kRevoked);
    EXPECT_EQ(Now(tickets[2]).holder, kAnn);
    JournalBatch batch;
    engine_.DrainChanges(batch);
    EXPECT_FALSE(engine_.HasChanges());
    Transfer(tickets[2], kAnn, kBob);
    Transfer(tickets[0], kAnn, kAnn);
    EXPECT_FALSE(engine_.HasChanges()) << "a refused transfer records nothing";
}

// The per-user limit counts what a buyer bought, not what anyone holds: a transfer moves a
// ticket, not a purchase. So the giver cannot buy the given tickets again and the recipient keeps
// their own full limit.
TEST_F(TicketTest, ATransferDoesNotMoveThePerUserLimit) {
    const Order order = PayGa(kAnn, 4);  // SmallTestEvent's limit
    const std::vector<Ticket> tickets = TicketsOf(order);
    ASSERT_EQ(Transfer(tickets[0], kAnn, kBob), TransferOutcome::kOk);
    ASSERT_EQ(Transfer(tickets[1], kAnn, kBob), TransferOutcome::kOk);
    EXPECT_EQ(engine_.TicketsOf(kAnn, event_), 4u);
    EXPECT_EQ(engine_.TicketsOf(kBob, event_), 0u);

    EXPECT_EQ(engine_.Hold(HoldByQuantity{kAnn, event_, "GA", 1, false, {}}, kNow + 1min).outcome,
              HoldOutcome::kLimitExceeded);
    const Order bobs = PayGa(kBob, 4, kNow + 1min);
    EXPECT_EQ(TicketsOf(bobs).size(), 4u);
    EXPECT_EQ(engine_.TicketsOf(kBob, event_), 4u);
    EXPECT_EQ(engine_.TicketsHeldBy(kBob).size(), 6u) << "two given, four bought";
    EXPECT_EQ(engine_.Hold(HoldByQuantity{kBob, event_, "GA", 1, false, {}}, kNow + 2min).outcome,
              HoldOutcome::kLimitExceeded);
    engine_.CheckInvariants();
}

// ---- Scans ----

TEST_F(TicketTest, TheFirstScanAdmitsAndASecondAtAnotherGateIsADoubleEntry) {
    const Ticket ticket = TicketsOf(PaySeats(kAnn, {"INF-A-1"}))[0];
    const ScanResult first = ScanAt(ticket, "north", kDoors);
    EXPECT_EQ(first.outcome, ScanOutcome::kAdmitted);
    ASSERT_NE(first.ticket, nullptr);
    EXPECT_EQ(first.ticket->status, TicketStatus::kUsed);
    ASSERT_TRUE(first.first_scan);
    EXPECT_EQ(*first.first_scan, (Scan{ticket.ticket_id, event_, "north", kDoors, true}));
    EXPECT_EQ(engine_.FirstScan(ticket.ticket_id), first.first_scan);

    const ScanResult second = ScanAt(ticket, "south", kDoors + 5min);
    EXPECT_EQ(second.outcome, ScanOutcome::kDoubleEntry);
    EXPECT_EQ(second.first_scan, first.first_scan) << "the admission stays the first";
    EXPECT_EQ(Describe(Stats()),
              "issued 1 revoked 0 admitted 1 double 1 gates [ north:1/0 south:0/1 ] zones [ 0 1 ]");
}

TEST_F(TicketTest, TheSameScanTwiceIsAlreadyRecorded) {
    const Ticket ticket = TicketsOf(PaySeats(kAnn, {"INF-A-1"}))[0];
    ASSERT_EQ(ScanAt(ticket, "north", kDoors).outcome, ScanOutcome::kAdmitted);
    JournalBatch batch;
    engine_.DrainChanges(batch);
    const ScanResult again = ScanAt(ticket, "north", kDoors, /*online=*/false);
    EXPECT_EQ(again.outcome, ScanOutcome::kAlreadyRecorded)
        << "an uploaded log repeating an online scan";
    ASSERT_TRUE(again.first_scan);
    EXPECT_EQ(again.first_scan->gate, "north");
    EXPECT_FALSE(engine_.HasChanges());
    EXPECT_EQ(ScanAt(ticket, "north", kDoors + 1ms).outcome, ScanOutcome::kDoubleEntry)
        << "the same gate a moment later is another scan";
    EXPECT_EQ(Stats().double_entries, 1u);
}

TEST_F(TicketTest, AnEarlierScanArrivingLaterBecomesTheAdmission) {
    const Ticket ticket = TicketsOf(PaySeats(kAnn, {"INF-A-1"}))[0];
    ASSERT_EQ(ScanAt(ticket, "north", kDoors + 10min).outcome, ScanOutcome::kAdmitted);
    EXPECT_EQ(Describe(Stats()),
              "issued 1 revoked 0 admitted 1 double 0 gates [ north:1/0 ] zones [ 0 1 ]");

    // An offline gate uploads its log: it let the ticket in first.
    const ScanResult earlier = ScanAt(ticket, "south", kDoors, /*online=*/false);
    EXPECT_EQ(earlier.outcome, ScanOutcome::kAdmitted);
    EXPECT_EQ(earlier.first_scan, (Scan{ticket.ticket_id, event_, "south", kDoors, false}));
    EXPECT_EQ(engine_.FirstScan(ticket.ticket_id)->gate, "south");
    EXPECT_EQ(Describe(Stats()),
              "issued 1 revoked 0 admitted 1 double 1 gates [ north:0/1 south:1/0 ] zones [ 0 1 ]")
        << "north's admission became a double entry; the zone still counts one person";
}

TEST_F(TicketTest, AtTheSameInstantTheGateNamedFirstHoldsTheAdmissionButOnlyOneIsLetIn) {
    const Ticket ticket = TicketsOf(PaySeats(kAnn, {"INF-A-1"}))[0];
    ASSERT_EQ(ScanAt(ticket, "north", kDoors).outcome, ScanOutcome::kAdmitted);
    EXPECT_EQ(ScanAt(ticket, "east", kDoors).outcome, ScanOutcome::kDoubleEntry)
        << "the person at the east gate is the second one in";
    EXPECT_EQ(ScanAt(ticket, "south", kDoors).outcome, ScanOutcome::kDoubleEntry);
    EXPECT_EQ(engine_.FirstScan(ticket.ticket_id)->gate, "east")
        << "the figures attribute the admission by time, then gate name";
}

TEST_F(TicketTest, AScanAtAnotherEventsGateIsWrongEventAndKeepsNothing) {
    const Ticket ticket = TicketsOf(PaySeats(kAnn, {"INF-A-1"}))[0];
    const EventId other = engine_.AddEvent(SmallTestEvent());
    JournalBatch batch;
    engine_.DrainChanges(batch);
    const ScanResult wrong = ScanOf(ticket.ticket_id, "north", kDoors, true, 1, other);
    EXPECT_EQ(wrong.outcome, ScanOutcome::kWrongEvent);
    ASSERT_NE(wrong.ticket, nullptr) << "the gate may show whose ticket it is";
    EXPECT_EQ(wrong.ticket->status, TicketStatus::kValid);
    EXPECT_FALSE(engine_.HasChanges());
    EXPECT_EQ(engine_.TicketStats(other).admitted, 0u);
    EXPECT_EQ(ScanOf(ticket.ticket_id, "north", kDoors, true, 1, EventId{}).outcome,
              ScanOutcome::kAdmitted)
        << "event 0: any event";
}

TEST_F(TicketTest, AnOldVersionAfterATransferIsRevokedAndVersionZeroIsAnyVersion) {
    const std::vector<Ticket> tickets = TicketsOf(PaySeats(kAnn, {"INF-A-1", "INF-A-2"}));
    ASSERT_EQ(Transfer(tickets[0], kAnn, kBob), TransferOutcome::kOk);
    const ScanResult old = ScanAt(tickets[0], "north", kDoors, true, /*version=*/1);
    EXPECT_EQ(old.outcome, ScanOutcome::kRevoked) << "Ann's QR code after she gave it away";
    EXPECT_EQ(Now(tickets[0]).status, TicketStatus::kValid);
    EXPECT_EQ(ScanAt(tickets[0], "north", kDoors, true, /*version=*/3).outcome,
              ScanOutcome::kRevoked);
    EXPECT_EQ(ScanAt(tickets[0], "north", kDoors + 1s, true, /*version=*/2).outcome,
              ScanOutcome::kAdmitted);
    EXPECT_EQ(ScanAt(tickets[1], "north", kDoors, true, /*version=*/0).outcome,
              ScanOutcome::kAdmitted)
        << "a ticket id typed in at the gate";
}

TEST_F(TicketTest, AnUnknownTicketIsAnsweredAndKeepsNothing) {
    PaySeats(kAnn, {"INF-A-1"});
    JournalBatch batch;
    engine_.DrainChanges(batch);
    const ScanResult result = ScanOf(TicketId{}, "north", kDoors, true, 0, event_);
    EXPECT_EQ(result.outcome, ScanOutcome::kUnknownTicket);
    EXPECT_EQ(result.ticket, nullptr);
    EXPECT_FALSE(result.first_scan);
    EXPECT_FALSE(engine_.HasChanges());
}

TEST_F(TicketTest, ScansBeyondTheLimitAreAnsweredButNotKept) {
    const Ticket ticket = TicketsOf(PaySeats(kAnn, {"INF-A-1"}))[0];
    for (std::uint32_t i = 0; i < kScansPerTicketMax; ++i) {
        EXPECT_EQ(
            ScanAt(ticket, "gate-" + std::to_string(i), kDoors + std::chrono::seconds{i}).outcome,
            i == 0 ? ScanOutcome::kAdmitted : ScanOutcome::kDoubleEntry);
    }
    JournalBatch batch;
    engine_.DrainChanges(batch);
    EXPECT_EQ(batch.tickets.scans.size(), kScansPerTicketMax);

    // One more, later; and one earlier than the admission: answered, neither kept.
    const ScanResult later = ScanAt(ticket, "late", kDoors + 1h);
    EXPECT_EQ(later.outcome, ScanOutcome::kDoubleEntry);
    ASSERT_TRUE(later.first_scan);
    EXPECT_EQ(later.first_scan->gate, "gate-0");
    EXPECT_EQ(ScanAt(ticket, "early", kDoors - 1h).outcome, ScanOutcome::kDoubleEntry);
    EXPECT_EQ(ScanAt(ticket, "gate-3", kDoors + 3s).outcome, ScanOutcome::kAlreadyRecorded);
    EXPECT_FALSE(engine_.HasChanges());
    EXPECT_EQ(engine_.FirstScan(ticket.ticket_id)->gate, "gate-0");
    const CheckInStats stats = Stats();
    EXPECT_EQ(stats.double_entries, kScansPerTicketMax - 1);
    EXPECT_EQ(stats.gates.size(), kScansPerTicketMax) << "no gate learned from a scan not kept";
    ASSERT_EQ(engine_.ScanConflicts(event_).size(), 1u);
    EXPECT_EQ(engine_.ScanConflicts(event_)[0].scans.size(), kScansPerTicketMax);
}

// ---- Figures ----

TEST_F(TicketTest, StatsCountPerGateAndZone) {
    const std::vector<Ticket> standing = TicketsOf(PayGa(kAnn, 3));
    const std::vector<Ticket> seated = TicketsOf(PaySeats(kBob, {"INF-A-1", "INF-A-2"}));
    const Order refunded = PayThroughProvider(kCid, {"INF-B-1"});
    ASSERT_EQ(RefundAs({kCid, false}, refunded.order_id, kNow + 1min), OrderOutcome::kOk);

    ScanAt(standing[0], "north", kDoors);
    ScanAt(standing[1], "north", kDoors + 1s);
    ScanAt(standing[1], "south", kDoors + 2s);  // passed back through the fence
    ScanAt(seated[0], "south", kDoors + 3s);
    ScanAt(seated[0], "south", kDoors + 4s);
    ScanAt(seated[0], "vip", kDoors + 5s);
    ScanAt(TicketsOf(refunded)[0], "vip", kDoors);  // revoked: not counted
    EXPECT_EQ(Describe(Stats()),
              "issued 6 revoked 1 admitted 3 double 3 gates [ north:2/0 south:1/2 vip:0/1 ] "
              "zones [ 2 1 ]");
    const CheckInStats unknown = engine_.TicketStats(EventId{99});
    EXPECT_EQ(Describe(unknown), "issued 0 revoked 0 admitted 0 double 0 gates [ ] zones [ ]");
}

TEST_F(TicketTest, ConflictsListTicketsScannedMoreThanOnceEachEarliestFirst) {
    const std::vector<Ticket> tickets = TicketsOf(PayGa(kAnn, 3));
    ScanAt(tickets[2], "north", kDoors + 10s);
    ScanAt(tickets[0], "north", kDoors + 20s);  // once: no conflict
    ScanAt(tickets[2], "south", kDoors + 5s, /*online=*/false);
    ScanAt(tickets[1], "west", kDoors + 30s);
    ScanAt(tickets[1], "east", kDoors + 30s);
    ScanAt(tickets[2], "east", kDoors + 40s);
    const std::vector<ScanConflict> conflicts = engine_.ScanConflicts(event_);
    ASSERT_EQ(conflicts.size(), 2u);
    EXPECT_EQ(conflicts[0].ticket_id, tickets[2].ticket_id) << "in the order first scanned";
    EXPECT_EQ(conflicts[0].scans,
              (std::vector<Scan>{{tickets[2].ticket_id, event_, "south", kDoors + 5s, false},
                                 {tickets[2].ticket_id, event_, "north", kDoors + 10s, true},
                                 {tickets[2].ticket_id, event_, "east", kDoors + 40s, true}}));
    EXPECT_EQ(conflicts[1].ticket_id, tickets[1].ticket_id);
    EXPECT_EQ(conflicts[1].scans,
              (std::vector<Scan>{{tickets[1].ticket_id, event_, "east", kDoors + 30s, true},
                                 {tickets[1].ticket_id, event_, "west", kDoors + 30s, true}}));
    EXPECT_TRUE(engine_.ScanConflicts(EventId{99}).empty());
}

// ---- Journal and recovery ----

// What a journal keeps of everything drained, as the store folds it: each event, each order's
// latest snapshot with the key of its first record, each payment's latest, the event ids
// applied, each ticket's latest snapshot (by issue_seq) and every scan in order.
struct Journaled {
    std::vector<EventSpec> events;
    std::map<OrderId, OrderRecord> orders;
    std::map<OrderId, Payment> payments;
    std::vector<std::string> event_ids;
    std::map<std::uint64_t, Ticket> tickets;
    std::vector<Scan> scans;

    void Fold(const JournalBatch& batch) {
        events.insert(events.end(), batch.events.begin(), batch.events.end());
        for (const OrderRecord& record : batch.orders) {
            auto [kept, added] = orders.try_emplace(record.order.order_id, record);
            if (!added) kept->second.order = record.order;
        }
        for (const Payment& payment : batch.payments.payments) {
            payments.insert_or_assign(payment.order_id, payment);
        }
        for (const AppliedPaymentEvent& applied : batch.payments.events) {
            event_ids.push_back(applied.event.event_id);
        }
        for (const Ticket& ticket : batch.tickets.tickets) {
            tickets.insert_or_assign(ticket.issue_seq, ticket);
        }
        scans.insert(scans.end(), batch.tickets.scans.begin(), batch.tickets.scans.end());
    }

    TicketSnapshot Tickets() const {
        TicketSnapshot snapshot;
        for (const auto& [seq, ticket] : tickets) snapshot.tickets.push_back(ticket);
        snapshot.scans = scans;
        return snapshot;
    }

    // Events, orders, payments, then tickets, as service::Recover does.
    void RestoreInto(Engine& engine, const TicketSnapshot& tickets_kept) const {
        for (const EventSpec& spec : events) engine.RestoreEvent(spec);
        for (const auto& [order_id, record] : orders) engine.Restore(record);
        PaymentSnapshot payment_snapshot;
        for (const auto& [order_id, payment] : payments) {
            payment_snapshot.payments.push_back(payment);
        }
        payment_snapshot.event_ids = event_ids;
        engine.RestorePayments(payment_snapshot);
        engine.RestoreTickets(tickets_kept);
        engine.CheckInvariants();
    }
};

void ExpectSameTickets(const Engine& a, const Engine& b, EventId event,
                       const std::vector<OrderId>& orders, const std::vector<UserId>& users) {
    for (const OrderId order_id : orders) {
        EXPECT_EQ(Describe(a.TicketsOfOrder(order_id)), Describe(b.TicketsOfOrder(order_id)))
            << "order " << order_id;
        for (const Ticket& ticket : a.TicketsOfOrder(order_id)) {
            EXPECT_EQ(a.FirstScan(ticket.ticket_id), b.FirstScan(ticket.ticket_id));
        }
    }
    for (const UserId user : users) {
        EXPECT_EQ(Describe(a.TicketsHeldBy(user)), Describe(b.TicketsHeldBy(user)))
            << "user " << user;
    }
    EXPECT_EQ(Describe(a.TicketStats(event)), Describe(b.TicketStats(event)));
    EXPECT_EQ(Describe(a.ScanConflicts(event)), Describe(b.ScanConflicts(event)));
    const std::uint64_t version = a.TicketBundle(event, 0).bundle_version;
    for (std::uint64_t since = 0; since <= version + 1; ++since) {
        EXPECT_EQ(Describe(a.TicketBundle(event, since)), Describe(b.TicketBundle(event, since)))
            << "since " << since;
    }
}

TEST_F(TicketTest, DrainedTicketsAndScansRebuildTheSameBook) {
    Journaled journal;
    const auto drain = [&] {
        JournalBatch batch;
        engine_.DrainChanges(batch);
        journal.Fold(batch);
    };
    const Order ann = PayThroughProvider(kAnn, {"INF-A-1", "INF-A-2", "INF-A-3"});
    drain();
    const Order bob = PayGa(kBob, 3);
    const Order cid = PayThroughProvider(kCid, {"INF-B-1", "INF-B-2"});
    const std::vector<Ticket> anns = TicketsOf(ann);
    const std::vector<Ticket> bobs = TicketsOf(bob);
    ASSERT_EQ(Transfer(anns[0], kAnn, kCid, kNow + 1min), TransferOutcome::kOk);
    ASSERT_EQ(Transfer(anns[0], kCid, kBob, kNow + 2min), TransferOutcome::kOk);
    drain();
    ASSERT_EQ(RefundAs({kCid, false}, cid.order_id, kNow + 3min), OrderOutcome::kOk);
    ScanAt(anns[0], "north", kDoors + 10s);
    ScanAt(anns[1], "south", kDoors + 20s, /*online=*/false);
    drain();
    ScanAt(anns[1], "north", kDoors + 5s);  // earlier: the admission moves
    ScanAt(bobs[0], "vip", kDoors);
    ScanAt(bobs[0], "vip", kDoors);  // already recorded
    ScanAt(bobs[0], "east", kDoors + 1h);
    ScanAt(bobs[1], "east", kDoors + 1s, false);
    ASSERT_EQ(RefundAs({kCid, true}, ann.order_id, kDoors + 2h), OrderOutcome::kOk);
    drain();
    EXPECT_EQ(journal.scans.size(), 6u) << "every scan kept, none already recorded";
    EXPECT_EQ(journal.tickets.size(), 8u);

    Engine rebuilt;
    journal.RestoreInto(rebuilt, journal.Tickets());
    EXPECT_FALSE(rebuilt.HasChanges()) << "restoring records nothing";
    const std::vector<OrderId> orders{ann.order_id, bob.order_id, cid.order_id};
    ExpectSameTickets(engine_, rebuilt, event_, orders, {kAnn, kBob, kCid});

    // Both go on the same way: a known scan, a new one, a new order's tickets.
    for (Engine* engine : {&engine_, &rebuilt}) {
        EXPECT_EQ(engine->RecordScan({bobs[0].ticket_id, 0, event_, "vip", kDoors, true}).outcome,
                  ScanOutcome::kAlreadyRecorded);
        EXPECT_EQ(engine->RecordScan({bobs[2].ticket_id, 0, event_, "north", kDoors, true}).outcome,
                  ScanOutcome::kAdmitted);
        const HoldResult held =
            engine->Hold(HoldByQuantity{UserId{9}, event_, "GA", 2, false, {}}, kDoors);
        ASSERT_EQ(held.outcome, HoldOutcome::kOk);
        ASSERT_EQ(engine->Confirm(held.order->order_id, kDoors), OrderOutcome::kOk);
        engine->CheckInvariants();
    }
    ExpectSameTickets(engine_, rebuilt, event_,
                      {ann.order_id, bob.order_id, cid.order_id, OrderId{4}},
                      {kAnn, kBob, kCid, UserId{9}});
    EXPECT_EQ(rebuilt.TicketsOfOrder(OrderId{4})[0].issue_seq, 9u);
}

TEST_F(TicketTest, RestoringAJournalWithoutTicketsIssuesThemAndRecordsThem) {
    // A journal written before tickets existed: paid orders, no ticket rows.
    Journaled journal;
    const Order seated = PaySeats(kAnn, {"INF-A-1", "INF-A-2"}, kNow);
    const Order standing = PayGa(kBob, 2, kNow + 30min);
    const Order refunded = PayThroughProvider(kCid, {"INF-B-1"});
    ASSERT_EQ(RefundAs({kCid, false}, refunded.order_id, kNow + 1min), OrderOutcome::kOk);
    const Order held = HoldSeats(kCid, {"INF-B-4"}, kNow + 2min);
    JournalBatch batch;
    engine_.DrainChanges(batch);
    journal.Fold(batch);
    journal.tickets.clear();  // no ticket tables yet
    journal.scans.clear();

    Engine rebuilt;
    journal.RestoreInto(rebuilt, journal.Tickets());
    EXPECT_EQ(rebuilt.TicketsOfOrder(seated.order_id).size(), 2u);
    EXPECT_EQ(rebuilt.TicketsOfOrder(standing.order_id).size(), 2u);
    EXPECT_TRUE(rebuilt.TicketsOfOrder(refunded.order_id).empty()) << "its money went back";
    EXPECT_TRUE(rebuilt.TicketsOfOrder(held.order_id).empty());
    for (const Order& order : {seated, standing}) {
        const std::vector<Ticket> before = TicketsOf(order);
        const std::vector<Ticket> after = rebuilt.TicketsOfOrder(order.order_id);
        ASSERT_EQ(after.size(), before.size());
        for (std::size_t i = 0; i < before.size(); ++i) {
            EXPECT_EQ(after[i].ticket_id, before[i].ticket_id) << "the same key, the same ids";
            EXPECT_EQ(after[i].seat, before[i].seat);
            EXPECT_EQ(after[i].holder, before[i].holder);
            EXPECT_EQ(after[i].status, TicketStatus::kValid);
            EXPECT_EQ(after[i].issued_at, order.updated_at) << "dated when the order was paid";
        }
    }
    EXPECT_EQ(rebuilt.TicketsOfOrder(seated.order_id)[0].issue_seq, 1u) << "in order id order";
    ASSERT_TRUE(rebuilt.HasChanges());
    JournalBatch issued;
    rebuilt.DrainChanges(issued);
    EXPECT_EQ(issued.tickets.tickets.size(), 4u) << "recorded, so the next start finds them";
    EXPECT_TRUE(issued.orders.empty());

    // Restored once more with those tickets journaled: nothing is issued twice.
    journal.Fold(issued);
    Engine again;
    journal.RestoreInto(again, journal.Tickets());
    EXPECT_FALSE(again.HasChanges());
    ExpectSameTickets(rebuilt, again, event_,
                      {seated.order_id, standing.order_id, refunded.order_id, held.order_id},
                      {kAnn, kBob, kCid});
}

// The sequencer drains after every command into the batch of its group commit.
TEST_F(TicketTest, DrainsIntoOneBatchAppendTicketsAndScansInOrder) {
    JournalBatch batch;
    const Order order = PaySeats(kAnn, {"INF-A-1", "INF-A-2"});
    engine_.DrainChanges(batch);
    const std::vector<Ticket> tickets = TicketsOf(order);
    ScanAt(tickets[0], "north", kDoors);
    engine_.DrainChanges(batch);
    ASSERT_EQ(Transfer(tickets[1], kAnn, kBob), TransferOutcome::kOk);
    ScanAt(tickets[0], "south", kDoors + 1s);
    engine_.DrainChanges(batch);
    Ticket used = tickets[0];
    used.status = TicketStatus::kUsed;
    used.updated_at = kDoors;
    used.bundle_version = 1;  // a check-in is a bundle change
    EXPECT_EQ(batch.tickets.tickets,
              (std::vector<Ticket>{tickets[0], tickets[1], used, Now(tickets[1])}));
    EXPECT_EQ(batch.tickets.scans,
              (std::vector<Scan>{{tickets[0].ticket_id, event_, "north", kDoors, true},
                                 {tickets[0].ticket_id, event_, "south", kDoors + 1s, true}}));
    EXPECT_FALSE(engine_.HasChanges());
}

// ---- Dispatch ----

TEST_F(TicketTest, TicketsAreShownToTheirHolderOrAnAdminOnly) {
    const Order order = PaySeats(kAnn, {"INF-A-1", "INF-A-2"});
    const Ticket ticket = TicketsOf(order)[0];
    const auto run = [&](Command command) { return Apply(engine_, command, kNow + 1min); };

    EXPECT_EQ(std::get<TicketListReply>(run(GetTickets{{kAnn, false}, order.order_id})).outcome,
              OrderOutcome::kOk);
    EXPECT_EQ(std::get<TicketListReply>(run(GetTickets{{kBob, false}, order.order_id})).outcome,
              OrderOutcome::kForbidden);
    EXPECT_EQ(
        std::get<TicketListReply>(run(GetTickets{{kBob, true}, order.order_id})).tickets.size(),
        2u);
    EXPECT_EQ(std::get<TicketListReply>(run(GetTickets{{kBob, false}, OrderId{99}})).outcome,
              OrderOutcome::kUnknownOrder);
    EXPECT_FALSE(std::get<TicketReply>(run(GetTicket{{kBob, false}, ticket.ticket_id})).ticket)
        << "someone else's ticket is as good as none";
    EXPECT_TRUE(std::get<TicketReply>(run(GetTicket{{kAnn, false}, ticket.ticket_id})).ticket);

    const TransferReply given =
        std::get<TransferReply>(run(TransferTicket{{kAnn, false}, ticket.ticket_id, kBob}));
    EXPECT_EQ(given.outcome, TransferOutcome::kOk);
    ASSERT_TRUE(given.ticket);
    EXPECT_EQ(given.ticket->ticket.holder, kBob);
    EXPECT_EQ(std::get<TicketListReply>(run(GetTickets{{kBob, false}, {}})).tickets.size(), 1u)
        << "order 0: every ticket the actor holds";
    EXPECT_TRUE(std::get<TicketReply>(run(GetTicket{{kBob, false}, ticket.ticket_id})).ticket);
    EXPECT_FALSE(std::get<TicketReply>(run(GetTicket{{kAnn, false}, ticket.ticket_id})).ticket);
    engine_.CheckInvariants();
}

TEST_F(TicketTest, TheBundleReplyCarriesTheFirstScanOfEachUsedTicketButNotOfARevokedOne) {
    const Order refunded = PayThroughProvider(kAnn, {"INF-A-1"});
    const std::vector<Ticket> tickets = TicketsOf(PayGa(kBob, 3));
    const Ticket revoked = TicketsOf(refunded)[0];
    ASSERT_EQ(ScanAt(revoked, "north", kDoors).outcome, ScanOutcome::kAdmitted);
    ASSERT_EQ(RefundAs({kCid, true}, refunded.order_id, kDoors + 1min), OrderOutcome::kOk);
    ASSERT_EQ(ScanAt(tickets[1], "south", kDoors + 2min, false).outcome, ScanOutcome::kAdmitted);
    ASSERT_EQ(ScanAt(tickets[1], "north", kDoors + 1min, false).outcome, ScanOutcome::kAdmitted)
        << "an earlier scan uploaded later takes the admission over";
    ASSERT_EQ(ScanAt(tickets[0], "east", kDoors + 3min).outcome, ScanOutcome::kAdmitted);
    const auto bundle = [&](std::uint64_t since) {
        Command command = GetTicketBundle{event_, since};
        return std::get<TicketBundleReply>(Apply(engine_, command, kDoors + 1h));
    };
    const TicketBundleReply all = bundle(0);
    ASSERT_EQ(all.delta.changed.size(), 3u);
    EXPECT_EQ(all.delta.changed[0].status, TicketStatus::kRevoked);
    EXPECT_EQ(all.checked_in,
              (std::vector<Scan>{{tickets[1].ticket_id, event_, "north", kDoors + 1min, false},
                                 {tickets[0].ticket_id, event_, "east", kDoors + 3min, true}}))
        << "in the delta's order, each with its admission as it is now";
    EXPECT_EQ(bundle(3).checked_in, (std::vector<Scan>{all.checked_in[1]}));
    EXPECT_TRUE(bundle(4).checked_in.empty());
    Command unknown = GetTicketBundle{EventId{99}, 0};
    const TicketBundleReply none = std::get<TicketBundleReply>(Apply(engine_, unknown, kDoors));
    EXPECT_FALSE(none.event);
    EXPECT_TRUE(none.checked_in.empty());
}

TEST_F(TicketTest, AnUploadedLogIsMergedScanByScan) {
    const std::vector<Ticket> tickets = TicketsOf(PayGa(kAnn, 2));
    ASSERT_EQ(ScanAt(tickets[0], "north", kDoors + 1min).outcome, ScanOutcome::kAdmitted);
    UploadScans upload{event_, "south", {}, {}};
    upload.tickets = {{tickets[0].ticket_id, 1},
                      {tickets[1].ticket_id, 0},
                      {tickets[1].ticket_id, 0},
                      {tickets[1].ticket_id, 2}};
    upload.scanned_at = {kDoors, kDoors + 2min, kDoors + 2min, kDoors + 3min};
    Command command = upload;
    const UploadScansReply reply = std::get<UploadScansReply>(Apply(engine_, command, kDoors));
    EXPECT_EQ(reply.outcomes,
              (std::vector<ScanOutcome>{ScanOutcome::kAdmitted, ScanOutcome::kAdmitted,
                                        ScanOutcome::kAlreadyRecorded, ScanOutcome::kRevoked}));
    EXPECT_EQ(engine_.FirstScan(tickets[0].ticket_id)->gate, "south");
    EXPECT_FALSE(engine_.FirstScan(tickets[0].ticket_id)->online);
    Command unknown = UploadScans{EventId{99}, "south", {{tickets[0].ticket_id, 1}}, {kDoors}};
    EXPECT_FALSE(std::get<UploadScansReply>(Apply(engine_, unknown, kDoors)).event);
    engine_.CheckInvariants();
}

}  // namespace
}  // namespace tix::engine
