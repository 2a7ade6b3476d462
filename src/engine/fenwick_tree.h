// A Fenwick (binary indexed) tree of counts over a waiting room's admission order: 1 for a slot
// whose entry still waits, 0 once it is admitted or removed. A waiting entry's position is the
// prefix sum up to its slot, O(log n) even when entries leave from the middle (bans). It grows at
// the end, O(log n), as entries join after the draw. Owned by WaitingRoom; single-threaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/tix_assert.h"

namespace tix::engine {

class FenwickTree {
  public:
    // `size` slots, slot s holding value_of(s). O(size).
    template <typename ValueOf>
    void Build(std::size_t size, ValueOf value_of) {
        tree_.assign(size, 0);
        for (std::size_t i = 1; i <= size; ++i) {
            tree_[i - 1] += static_cast<std::uint32_t>(value_of(i - 1));
            // Node i's sum is part of its parent's: push it up once, in index order.
            if (const std::size_t parent = i + LowBit(i); parent <= size) {
                tree_[parent - 1] += tree_[i - 1];
            }
        }
    }

    // Appends a slot holding `value`. O(log n).
    void PushBack(std::uint32_t value) {
        const std::size_t i = tree_.size() + 1;
        // Node i sums the slots (i - LowBit(i), i]: the new one and the ones before it.
        const std::uint64_t before = Prefix(i - 1) - Prefix(i - LowBit(i));
        tree_.push_back(value + static_cast<std::uint32_t>(before));
    }

    // Adds `delta` to slot `slot` (0-based). REQUIRES: slot < size(); the slot stays >= 0.
    void Add(std::size_t slot, std::int32_t delta) {
        TIX_ASSERT(slot < tree_.size(), "Fenwick slot out of range");
        for (std::size_t i = slot + 1; i <= tree_.size(); i += LowBit(i)) {
            tree_[i - 1] += static_cast<std::uint32_t>(delta);
        }
    }

    // The sum of the first `count` slots. REQUIRES: count <= size().
    std::uint64_t Prefix(std::size_t count) const {
        std::uint64_t sum = 0;
        for (std::size_t i = count; i > 0; i -= LowBit(i)) sum += tree_[i - 1];
        return sum;
    }

    std::size_t size() const { return tree_.size(); }
    std::size_t bytes() const { return tree_.capacity() * sizeof(std::uint32_t); }

  private:
    static std::size_t LowBit(std::size_t i) { return i & (~i + 1); }

    std::vector<std::uint32_t> tree_;  // node i (1-based) at tree_[i - 1]
};

}  // namespace tix::engine
