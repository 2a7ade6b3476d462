// OrderIdList: one user's order ids, oldest first. Most users place a few orders: up to four
// stay inline, so a new buyer costs no heap allocation (a std::vector per user was a malloc and
// two reallocations per new user on the GA hold path). The fifth order moves the list to a
// heap array that doubles. Contiguous either way, so it reads as a span. Move-only; not
// thread-safe.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <span>

#include "common/types.h"

namespace tix::engine {

class OrderIdList {
  public:
    static constexpr std::uint32_t kInline = 4;

    void push_back(OrderId order_id) {
        if (size_ < kInline) {
            inline_[size_++] = order_id;
            return;
        }
        if (size_ == capacity_) {
            const std::uint32_t capacity = std::max(2 * size_, 2 * kInline);
            auto grown = std::make_unique_for_overwrite<OrderId[]>(capacity);
            const std::span<const OrderId> old = ids();
            std::copy(old.begin(), old.end(), grown.get());
            heap_ = std::move(grown);
            capacity_ = capacity;
        }
        heap_[size_++] = order_id;
    }

    std::span<const OrderId> ids() const {
        return {size_ <= kInline ? inline_.data() : heap_.get(), size_};
    }
    std::size_t size() const { return size_; }

  private:
    std::array<OrderId, kInline> inline_{};
    std::uint32_t size_ = 0;
    std::uint32_t capacity_ = kInline;  // of heap_ once the ids live there
    std::unique_ptr<OrderId[]> heap_;   // all ids once there are more than kInline
};

}  // namespace tix::engine
