#include "engine/order_book.h"

#include <vector>

namespace tix::engine {

void OrderBook::CheckDeadlineTop() const {
    TIX_ASSERT(held_orders_ <= deadlines_.size(), "a held order is missing from the deadlines");
    TIX_ASSERT(deadlines_.empty() || IsCurrent(deadlines_.top()),
               "the top deadline is not current");
}

void OrderBook::CheckAll() const {
    TIX_ASSERT(orders_.size() == extras_.size() && orders_.size() <= next_order_id_.value(),
               "order table sizes disagree");
    std::uint64_t held = 0;
    for (std::size_t id = 1; id < orders_.size(); ++id) {
        const Order& order = orders_[id];
        if (!order.order_id) continue;
        TIX_ASSERT(order.order_id == OrderId{id}, "order stored under another id");
        held += HasSeats(order.status);
    }
    TIX_ASSERT(held == held_orders_, "held order count is off");

    // Every order with seats is queued under its current deadline (a declined payment may have
    // queued the same hold deadline twice: it expires once, the second entry is then stale).
    std::vector<bool> in_heap(orders_.size());
    std::uint64_t queued = 0;
    for (const DeadlineQueue::Entry& entry : deadlines_.entries()) {
        TIX_ASSERT(Find(entry.order_id) != nullptr, "deadline of no order");
        if (IsCurrent(entry) && !in_heap[entry.order_id.value()]) {
            in_heap[entry.order_id.value()] = true;
            ++queued;
        }
    }
    TIX_ASSERT(queued == held_orders_, "an order with seats is missing from the deadlines");
    CheckDeadlineTop();
}

}  // namespace tix::engine
