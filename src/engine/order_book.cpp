#include "engine/order_book.h"

#include <vector>

namespace tix::engine {

void OrderBook::CheckDeadlineTop() const {
    TIX_ASSERT(held_orders_ <= deadlines_.size(), "a held order is missing from the deadlines");
    TIX_ASSERT(
        deadlines_.empty() || orders_[deadlines_.top().order_id].status == OrderStatus::kHeld,
        "the top deadline is not a held order");
}

void OrderBook::CheckAll() const {
    TIX_ASSERT(orders_.size() == extras_.size() && orders_.size() <= next_order_id_,
               "order table sizes disagree");
    std::uint64_t held = 0;
    for (std::size_t id = 1; id < orders_.size(); ++id) {
        const Order& order = orders_[id];
        if (order.order_id == 0) continue;
        TIX_ASSERT(order.order_id == id, "order stored under another id");
        held += order.status == OrderStatus::kHeld;
    }
    TIX_ASSERT(held == held_orders_, "held order count is off");

    std::vector<bool> in_heap(orders_.size());
    std::uint64_t queued = 0;
    for (const DeadlineQueue::Entry& entry : deadlines_.entries()) {
        const Order* order = Find(entry.order_id);
        TIX_ASSERT(order != nullptr, "deadline of no order");
        if (order->status == OrderStatus::kHeld) {
            TIX_ASSERT(entry.deadline == order->expires_at, "deadline differs from expires_at");
            TIX_ASSERT(!in_heap[entry.order_id], "held order queued twice");
            in_heap[entry.order_id] = true;
            ++queued;
        }
    }
    TIX_ASSERT(queued == held_orders_, "a held order is missing from the deadlines");
    CheckDeadlineTop();
}

}  // namespace tix::engine
