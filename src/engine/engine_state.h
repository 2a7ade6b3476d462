// Engine::State: everything an Engine owns, and the steps its operations share. Internal to the
// engine (engine.cpp runs the operations, engine_invariants.cpp checks them); single-threaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/types.h"
#include "engine/bidding_book.h"
#include "engine/engine.h"
#include "engine/event_state.h"
#include "engine/event_table.h"
#include "engine/idempotency_index.h"
#include "engine/order_book.h"
#include "engine/payment_ledger.h"
#include "engine/room_table.h"
#include "engine/ticket_book.h"
#include "engine/user_tickets.h"

namespace tix::engine {

#ifdef TIX_CHECK_INVARIANTS
inline constexpr bool kCheckInvariants = true;
#else
inline constexpr bool kCheckInvariants = false;
#endif

struct Engine::State {
    EventTable events;
    OrderBook orders;
    UserTickets users;
    IdempotencyIndex keys;
    RoomTable rooms;  // the events that have a waiting room
    PaymentLedger payments;
    TicketBook tickets;                // records into its own changes, drained with the rest
    BiddingBook bidding;               // likewise
    std::vector<CampaignId> settled;   // scratch for ExpireDue
    std::vector<OrderId> won_expired;  // likewise: campaign orders not paid in time
    // Paid orders restored before RestoreTickets: until then they may have no tickets.
    std::vector<OrderId> tickets_awaited;
    JournalBatch changes;  // since the last DrainChanges

    // ---- Recording (every mutation ends here, so nothing escapes the journal) ----

    void RecordNewOrder(const Order& order, std::string_view key, RequestKind kind) {
        changes.orders.push_back(
            {order, std::string(key), key.empty() ? RequestKind::kUnknown : kind});
        ++events.Find(order.event_id)->version;
    }
    // A status change of an order. The event's version grows: its inventory changed.
    void RecordOrder(const Order& order) {
        changes.orders.push_back({order, {}, RequestKind::kUnknown});
        ++events.Find(order.event_id)->version;
    }

    void RecordPayment(const Payment& payment) { changes.payments.payments.push_back(payment); }

    // ---- Steps of the operations (engine.cpp) ----

    // The event's seats, summed over its zones, as its waiting room needs them.
    static QueueAvailability AvailabilityOf(const EventState& event);
    // False if the event has a waiting room and the user holds no live admission to it.
    bool MayShop(UserId user_id, EventId event_id, TimePoint now) const {
        const WaitingRoom* room = rooms.Find(event_id);
        return room == nullptr || room->IsAdmitted(user_id, now);
    }

    // A hold with a key the user already used: kReplayed with the original order if it is the
    // same request, else kIdempotencyKeyReused. nullopt for a new key or none.
    template <typename Request>
    std::optional<HoldResult> FindReplay(const Request& request) const {
        if (request.idempotency_key.empty()) return std::nullopt;
        const Order* original = keys.Find(orders, request.user_id, request.idempotency_key);
        if (original == nullptr) return std::nullopt;
        if (SameRequest(*original, orders.ExtraOf(original->order_id).kind(), events, request)) {
            return HoldResult{HoldOutcome::kReplayed, original};
        }
        return HoldResult{HoldOutcome::kIdempotencyKeyReused};
    }

    // Files an order under its id, user and key. REQUIRES: order_id >= next_order_id;
    // user == users.UserIndex(order.user_id).
    const Order& IndexOrder(const Order& order, std::string_view key, RequestKind kind,
                            std::uint32_t user);
    // Places a held order for seats already taken in the zone's seat map (if seated).
    const Order& PlaceOrder(EventState& event, UserId user_id, std::uint16_t zone_index,
                            std::uint32_t quantity, const SeatArray& seats, TimePoint now,
                            RequestKind kind, std::string_view key);
    // held -> cancelled or expired: the seats and the user's tickets return.
    void EndHold(Order& order, OrderStatus status, TimePoint now);
    // held or payment_pending -> paid.
    void MarkPaid(Order& order, TimePoint now);
    // Confirm, BeginPayment and OpenPayment of an order that is not held: the answer, with
    // nothing changed. nullopt for a held order.
    static std::optional<OrderOutcome> UnlessPayable(const Order& order);
    // Confirm or Cancel of a held order whose deadline has passed: it expires now.
    OrderOutcome ExpireLate(Order& order, TimePoint now);

    // ---- Payment steps (engine_payments.cpp) ----

    // An ended order whose payment came late takes its own seats again, paid, if they are all
    // free and the user's limit allows. False (nothing changed) otherwise.
    bool Retake(Order& order, TimePoint now);
    // refund_pending or paid -> refunded; a paid order's seats go back on sale.
    void FinishRefund(Order& order, TimePoint now);
    // The payment's money must go back: refund_pending, and `refund` says what to ask for.
    void StartRefund(Payment& payment, TimePoint now, std::optional<RefundDue>& refund);
    // A new event (not a duplicate), after the order and payment checks.
    PaymentEventOutcome ApplyEvent(const PaymentEvent& event, TimePoint now,
                                   std::optional<RefundDue>& refund);
    PaymentEventOutcome ApplySucceeded(Order& order, Payment& payment, TimePoint now,
                                       std::optional<RefundDue>& refund);
    PaymentEventOutcome ApplyFailed(Order& order, const Payment& payment, TimePoint now);
    PaymentEventOutcome ApplyRefunded(Order& order, Payment& payment, const PaymentEvent& event,
                                      TimePoint now);
    // The event's kind applied to a ticket or a campaign order, by the overloads for each.
    template <typename AnyOrder>
    PaymentEventOutcome ApplyKind(AnyOrder& order, Payment& payment, const PaymentEvent& event,
                                  TimePoint now, std::optional<RefundDue>& refund) {
        switch (event.kind) {
            case PaymentEventKind::kPaymentSucceeded:
                return ApplySucceeded(order, payment, now, refund);
            case PaymentEventKind::kPaymentFailed:
                return ApplyFailed(order, payment, now);
            case PaymentEventKind::kRefundSucceeded:
                return ApplyRefunded(order, payment, event, now);
        }
        return PaymentEventOutcome::kNoChange;
    }

    // ---- Campaign orders' payment (engine_campaign_payments.cpp) ----
    // The same decisions as for ticket orders above, on a winner's order (BiddingBook's steps).

    // The answer to a payment start for an order not awaiting one; nullopt if it awaits one.
    static std::optional<OrderOutcome> UnlessPayable(const CampaignOrder& order);
    // Starts paying an awaiting order, payment_pending until deadline_of(order); an order past
    // its pay_by expires instead.
    template <typename DeadlineOf>
    OrderOutcome StartPayment(const CampaignOrder& order, TimePoint now, DeadlineOf deadline_of) {
        if (const std::optional<OrderOutcome> refusal = UnlessPayable(order)) return *refusal;
        if (now >= order.pay_by) {
            bidding.Expire(order.order_id, now);
            return OrderOutcome::kExpired;
        }
        bidding.StartPayment(order.order_id, deadline_of(order), now);
        return OrderOutcome::kOk;
    }
    // payment_pending -> awaiting_payment, or expired if its pay_by has passed.
    void ResumeOrExpire(const CampaignOrder& order, TimePoint now);
    OrderOutcome CompletePayment(const CampaignOrder& order, bool approved, TimePoint now);
    PaymentEventOutcome ApplySucceeded(const CampaignOrder& order, Payment& payment, TimePoint now,
                                       std::optional<RefundDue>& refund);
    PaymentEventOutcome ApplyFailed(const CampaignOrder& order, const Payment& payment,
                                    TimePoint now);
    PaymentEventOutcome ApplyRefunded(const CampaignOrder& order, Payment& payment,
                                      const PaymentEvent& event, TimePoint now);
    // awaiting_payment -> cancelled: the winner declines; the unit goes back into stock.
    OrderOutcome Cancel(const CampaignOrder& order, TimePoint now);
    OrderOutcome RequestRefund(const CampaignOrder& order, TimePoint now,
                               std::optional<RefundDue>& refund);

    // ---- Ticket steps (engine_tickets.cpp) ----

    // A just-paid order's tickets.
    void IssueTickets(const Order& order, TimePoint now);

    // ---- Invariants (engine_invariants.cpp) ----

    // What one operation touched: the order's zone counts and rows, its seats, its user's
    // tickets, the deadline heap's top. O(rows + row length * seats of the order).
    void CheckTouched(const Order& order) const;
    // Everything, recounted from the orders. O(engine).
    void CheckAll() const;
    // Payments agree with their orders: refunds with refund statuses, taken money with paid.
    void CheckPayments() const;
    // Tickets agree with their orders: a paid order has one valid or used ticket per seat; an
    // order whose money went back has only revoked ones.
    void CheckTickets() const;
    static void CheckZoneCounts(const Zone& zone);
    // Every taken seat of the row belongs to a live order of this zone that lists it.
    void CheckRowOwners(const EventState& event, std::uint16_t zone_index, std::uint32_t row) const;
    // A live order owns its seats; an ended one owns none.
    void CheckOrderSeats(const Order& order, const EventState& event) const;
};

}  // namespace tix::engine
