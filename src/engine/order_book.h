// Every order by id, with what the engine keeps beside each (its idempotency key's reference and
// how it was asked for), the count of held orders and their deadlines. Owned by Engine::State;
// single-threaded. Orders are kept for good; references to them stay valid (ChunkedVector).
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

inline bool IsLive(OrderStatus status) {
    return status == OrderStatus::kHeld || status == OrderStatus::kPaid;
}

// How a hold was asked for; part of "the same request" for idempotent replays. Restore only gets
// the order and its key, not the request, so restored orders are kRestored (see SameRequest).
enum class RequestKind : std::uint8_t { kQuantity, kQuantitySplit, kSeats, kRestored };

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
        if (order_id == 0 || order_id >= orders_.size()) return nullptr;
        const Order& order = orders_[order_id];
        return order.order_id == order_id ? &order : nullptr;
    }
    Order* Find(OrderId order_id) {
        return const_cast<Order*>(std::as_const(*this).Find(order_id));
    }

    // REQUIRES: Find(order_id) != nullptr.
    const Order& Get(OrderId order_id) const { return orders_[order_id]; }
    Order& Get(OrderId order_id) { return orders_[order_id]; }
    const OrderExtra& ExtraOf(OrderId order_id) const { return extras_[order_id]; }

    // Slots, one per id below next_order_id(); slot 0 and ids skipped by Restore hold an Order
    // with order_id 0.
    std::size_t size() const { return orders_.size(); }
    OrderId next_order_id() const { return next_order_id_; }
    std::uint64_t held_orders() const { return held_orders_; }

    // The owner recorded on seats for the order about to be placed.
    std::uint32_t NextSeatOwner() const {
        TIX_ASSERT(next_order_id_ <= std::numeric_limits<std::uint32_t>::max(),
                   "order ids outgrew the 32-bit seat owner");
        return static_cast<std::uint32_t>(next_order_id_);
    }

    // Files the order under its id; a held one is counted and its deadline queued.
    // REQUIRES: order.order_id >= next_order_id().
    const Order& Add(const Order& order, OrderExtra extra) {
        TIX_ASSERT(order.order_id >= next_order_id_ && order.order_id >= orders_.size(),
                   "order ids must ascend");
        TIX_ASSERT(order.order_id <= std::numeric_limits<std::uint32_t>::max(),
                   "order ids outgrew the 32-bit seat owner");
        orders_.GrowTo(order.order_id);
        extras_.GrowTo(order.order_id);
        orders_.push_back(order);
        extras_.push_back(extra);
        next_order_id_ = order.order_id + 1;
        if (order.status == OrderStatus::kHeld) {
            ++held_orders_;
            deadlines_.Push(order.expires_at, order.order_id);
        }
        return orders_.back();
    }

    // held -> paid, cancelled or expired, dated now. The deadline stays queued until it reaches
    // the top (DropStaleDeadlines). REQUIRES: order is held; status is not kHeld.
    void EndHeld(Order& order, OrderStatus status, TimeMs now) {
        TIX_ASSERT(order.status == OrderStatus::kHeld && status != OrderStatus::kHeld,
                   "only a held order can end its hold");
        order.status = status;
        order.updated_at = now;
        --held_orders_;
    }

    // Takes the earliest deadline off the queue if it is <= now and returns its order, which may
    // no longer be held (confirmed or cancelled meanwhile).
    std::optional<OrderId> PopDue(TimeMs now) {
        if (deadlines_.empty() || deadlines_.top().deadline > now) return std::nullopt;
        const OrderId order_id = deadlines_.top().order_id;
        deadlines_.Pop();
        return order_id;
    }

    // Keeps the top of the deadline heap a held order, so NextDeadline is exact and O(1).
    void DropStaleDeadlines() {
        while (!deadlines_.empty() &&
               orders_[deadlines_.top().order_id].status != OrderStatus::kHeld) {
            deadlines_.Pop();
        }
    }

    std::optional<TimeMs> NextDeadline() const {
        if (deadlines_.empty()) return std::nullopt;
        return deadlines_.top().deadline;
    }

    // Abort on broken bookkeeping. CheckDeadlineTop is O(1): the held count fits the heap and
    // its top is a held order. CheckAll is O(orders): ids, the held count, every held order
    // queued once under its expires_at.
    void CheckDeadlineTop() const;
    void CheckAll() const;

  private:
    // Indexed by order id.
    ChunkedVector<Order> orders_;
    ChunkedVector<OrderExtra> extras_;
    OrderId next_order_id_ = 1;
    std::uint64_t held_orders_ = 0;
    DeadlineQueue deadlines_;
};

}  // namespace tix::engine
