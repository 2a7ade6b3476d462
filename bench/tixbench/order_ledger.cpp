#include "order_ledger.h"

#include <algorithm>
#include <iterator>

namespace tix::bench {

std::size_t OrderLedger::Add(OrderRecord record) {
    orders_.push_back(std::move(record));
    return orders_.size() - 1;
}

void OrderLedger::Merge(OrderLedger&& other) {
    orders_.insert(orders_.end(), std::make_move_iterator(other.orders_.begin()),
                   std::make_move_iterator(other.orders_.end()));
    unanswered_holds_ += other.unanswered_holds_;
    other.orders_.clear();
    other.unanswered_holds_ = 0;
}

std::uint64_t OrderLedger::unknown_orders() const {
    return static_cast<std::uint64_t>(
        std::count_if(orders_.begin(), orders_.end(),
                      [](const auto& o) { return o.state == OrderState::kUnknown; }));
}

}  // namespace tix::bench
