// Every order by id, with what the engine keeps beside each (its idempotency key's reference and
// how it was asked for), the count of orders with seats (held or payment_pending) and their
// deadlines. Owned by Engine::State; single-threaded. Orders are kept for good; references to
// them stay valid (ChunkedVector).
//
// The deadline heap is lazy: a change of deadline pushes a new entry and leaves the old one,
// which is stale once it differs from DeadlineOf(order), and is dropped when it reaches the top.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "common/types.h"
#include "engine/chunked_vector.h"
#include "engine/deadline_queue.h"
#include "engine/engine.h"
#include "engine/event_spec.h"
#include "engine/order.h"
#include "engine/tix_assert.h"

namespace tix::engine {

using SeatArray = std::array<std::uint32_t, kMaxPerUserLimit>;

// Sorts the first `count` seats. The bound also shows g++ 12 that std::sort's path for more than
// 16 elements is dead: without it, -O3 reports a false -Warray-bounds there.
inline void SortSeats(SeatArray& seats, std::size_t count) {
    TIX_ASSERT(count <= seats.size(), "more seats than an order holds");
    std::sort(seats.begin(), seats.begin() + count);
}

// When an order with seats loses them unless something happens first: the hold deadline while
// held, the payment deadline while payment_pending; none once it has ended or is paid.
inline std::optional<TimePoint> DeadlineOf(const Order& order) {
    switch (order.status) {
        case OrderStatus::kHeld:
            return order.expires_at;
        case OrderStatus::kPaymentPending:
            return order.payment_expires_at;
        default:
            return std::nullopt;
    }
}

// What the engine keeps per order beside the public Order (parallel to the orders): the
// idempotency key's reference in the IdempotencyIndex's arena (0: none) and the request kind, in
// 8 bytes.
class OrderExtra {
  public:
    OrderExtra() = default;
    OrderExtra(std::uint64_t key_ref, RequestKind kind)
        : bits_(key_ref | std::uint64_t{static_cast<std::uint8_t>(kind)} << kKindShift) {}
    std::uint64_t key_ref() const { return bits_ & ((std::uint64_t{1} << kKindShift) - 1); }
    RequestKind kind() const { return static_cast<RequestKind>(bits_ >> kKindShift); }

  private:
    static constexpr int kKindShift = 62;
    std::uint64_t bits_ = 0;
};

class OrderBook {
  public:
    const Order* Find(OrderId order_id) const {
        if (!order_id || order_id.value() >= orders_.size()) return nullptr;
        const Order& order = orders_[order_id.value()];
        return order.order_id == order_id ? &order : nullptr;
    }
    Order* Find(OrderId order_id) {
        return const_cast<Order*>(std::as_const(*this).Find(order_id));
    }

    // REQUIRES: Find(order_id) != nullptr.
    const Order& Get(OrderId order_id) const { return orders_[order_id.value()]; }
    Order& Get(OrderId order_id) { return orders_[order_id.value()]; }
    const OrderExtra& ExtraOf(OrderId order_id) const { return extras_[order_id.value()]; }

    // Slots, one per id below next_order_id(); slot 0 and ids skipped by Restore hold an Order
    // with order_id 0.
    std::size_t size() const { return orders_.size(); }
    OrderId next_order_id() const { return next_order_id_; }
    // Orders that have seats: held or payment_pending.
    std::uint64_t held_orders() const { return held_orders_; }

    // False once every order id a seat map can name is used (kMaxOrderId).
    bool CanPlace() const { return next_order_id_ <= kMaxOrderId; }

    // The owner recorded on seats for the order about to be placed. REQUIRES: CanPlace().
    std::uint32_t NextSeatOwner() const {
        TIX_ASSERT(CanPlace(), "order ids outgrew the 32-bit seat owner");
        return SeatOwner(next_order_id_);
    }

    // An id for an order kept elsewhere (a campaign's winner, BiddingBook): one sequence names
    // orders of both kinds. Its slot here stays empty (Find answers null). REQUIRES: CanPlace().
    OrderId ReserveId() {
        TIX_ASSERT(CanPlace(), "order ids outgrew the 32-bit seat owner");
        const OrderId id = next_order_id_;
        next_order_id_ = OrderId{id.value() + 1};
        return id;
    }
    // Recovery: an order kept elsewhere has `order_id`; later ids come after it.
    void ReserveThrough(OrderId order_id) {
        if (order_id >= next_order_id_) next_order_id_ = OrderId{order_id.value() + 1};
    }

    // Files the order under its id; one with seats is counted and its deadline queued.
    // REQUIRES: order.order_id >= next_order_id().
    const Order& Add(const Order& order, OrderExtra extra) {
        TIX_ASSERT(order.order_id >= next_order_id_ && order.order_id.value() >= orders_.size(),
                   "order ids must ascend");
        TIX_ASSERT(order.order_id <= kMaxOrderId, "order ids outgrew the 32-bit seat owner");
        orders_.GrowTo(order.order_id.value());
        extras_.GrowTo(order.order_id.value());
        orders_.push_back(order);
        extras_.push_back(extra);
        next_order_id_ = OrderId{order.order_id.value() + 1};
        if (const std::optional<TimePoint> deadline = DeadlineOf(order)) {
            ++held_orders_;
            deadlines_.Push(*deadline, order.order_id);
        }
        return orders_.back();
    }

    // held or payment_pending -> paid, cancelled or expired, dated now. REQUIRES: the order has
    // seats and `status` has none.
    void EndHeld(Order& order, OrderStatus status, TimePoint now) {
        TIX_ASSERT(HasSeats(order.status) && !HasSeats(status), "only an order with seats ends");
        order.status = status;
        order.updated_at = now;
        --held_orders_;
    }

    // held -> payment_pending until `deadline`, dated now. REQUIRES: the order is held.
    void StartPayment(Order& order, TimePoint deadline, TimePoint now) {
        TIX_ASSERT(order.status == OrderStatus::kHeld, "only a held order starts a payment");
        order.status = OrderStatus::kPaymentPending;
        order.payment_expires_at = deadline;
        order.updated_at = now;
        deadlines_.Push(deadline, order.order_id);
    }

    // payment_pending -> held again (a declined payment), dated now, under its hold deadline.
    // REQUIRES: the order is payment_pending and now < expires_at.
    void ResumeHold(Order& order, TimePoint now) {
        TIX_ASSERT(order.status == OrderStatus::kPaymentPending && now < order.expires_at,
                   "only a payment within the hold deadline resumes the hold");
        order.status = OrderStatus::kHeld;
        order.updated_at = now;
        deadlines_.Push(order.expires_at, order.order_id);
    }

    // Takes the earliest deadline off the queue if it is <= now and returns its order if that
    // deadline is still the order's (not stale: paid, cancelled or re-dated meanwhile).
    // nullopt when nothing is due; 0 for a stale entry (call again).
    std::optional<OrderId> PopDue(TimePoint now) {
        if (deadlines_.empty() || deadlines_.top().deadline > now) return std::nullopt;
        const DeadlineQueue::Entry entry = deadlines_.top();
        deadlines_.Pop();
        return IsCurrent(entry) ? entry.order_id : OrderId{};
    }

    // Keeps the top of the deadline heap current, so NextDeadline is exact and O(1).
    void DropStaleDeadlines() {
        while (!deadlines_.empty() && !IsCurrent(deadlines_.top())) deadlines_.Pop();
    }

    std::optional<TimePoint> NextDeadline() const {
        if (deadlines_.empty()) return std::nullopt;
        return deadlines_.top().deadline;
    }

    // Abort on broken bookkeeping. CheckDeadlineTop is O(1): the held count fits the heap and
    // its top is a held order. CheckAll is O(orders): ids, the held count, every held order
    // queued once under its expires_at.
    void CheckDeadlineTop() const;
    void CheckAll() const;

  private:
    bool IsCurrent(const DeadlineQueue::Entry& entry) const {
        return DeadlineOf(orders_[entry.order_id.value()]) == entry.deadline;
    }

    // Indexed by order id.
    ChunkedVector<Order> orders_;
    ChunkedVector<OrderExtra> extras_;
    OrderId next_order_id_{1};
    std::uint64_t held_orders_ = 0;
    DeadlineQueue deadlines_;
};

}  // namespace tix::engine
