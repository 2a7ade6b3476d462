// Hold deadlines in expiry order: a binary min-heap of (deadline, order id) with lazy deletion.
// A hold that is confirmed or cancelled stays in the heap until it reaches the top, where the
// engine drops it (its order is no longer held), so no operation ever searches the heap.
// Owned by the Engine; single-threaded.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "common/types.h"

namespace tix::engine {

class DeadlineQueue {
  public:
    struct Entry {
        TimePoint deadline{};
        OrderId order_id{};
    };

    void Push(TimePoint deadline, OrderId order_id) {
        heap_.push_back({deadline, order_id});
        std::push_heap(heap_.begin(), heap_.end(), Later);
    }
    // The earliest deadline, ties by order id. REQUIRES: !empty().
    const Entry& top() const { return heap_.front(); }
    void Pop() {
        std::pop_heap(heap_.begin(), heap_.end(), Later);
        heap_.pop_back();
    }
    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    // Every entry, in heap order (for invariant checks).
    const std::vector<Entry>& entries() const { return heap_; }
    std::size_t bytes() const { return heap_.capacity() * sizeof(Entry); }

  private:
    // std heap algorithms build a max-heap; ordering by "later" puts the earliest on top.
    static bool Later(const Entry& a, const Entry& b) {
        return a.deadline != b.deadline ? a.deadline > b.deadline : a.order_id > b.order_id;
    }

    std::vector<Entry> heap_;
};

}  // namespace tix::engine
