#include "user_pool.h"

#include <cassert>

namespace tix::bench {

UserPool::UserPool(Mode mode, std::uint32_t user_count) : mode_(mode), busy_(user_count, false) {
    assert(user_count > 0);
}

std::optional<std::uint32_t> UserPool::Acquire() {
    std::lock_guard lock(mutex_);
    const auto count = static_cast<std::uint32_t>(busy_.size());
    if (mode_ == Mode::kOnce) {
        if (next_ >= count) return std::nullopt;
        return next_++;
    }
    for (std::uint32_t tried = 0; tried < count; ++tried) {
        const std::uint32_t user = next_;
        next_ = (next_ + 1) % count;
        if (!busy_[user]) {
            busy_[user] = true;
            return user;
        }
    }
    return std::nullopt;
}

void UserPool::Release(std::uint32_t user) {
    if (mode_ == Mode::kOnce) return;
    std::lock_guard lock(mutex_);
    busy_[user] = false;
}

}  // namespace tix::bench
