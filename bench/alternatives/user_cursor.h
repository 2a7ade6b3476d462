// UserCursor: which user a connection acts for next. Untimed runs hand each user out exactly once
// across all connections (a shared atomic counter); timed runs give connection c of n the users
// c, c + n, c + 2n, ... round-robin, so a user is only ever in flight on one connection.
// One UserCursor per connection; the shared counter outlives them all.
#pragma once

#include <atomic>
#include <cassert>
#include <cstdint>
#include <optional>

namespace tix::bench {

class UserCursor {
  public:
    // Every user once. REQUIRES: `next_user` is shared by all connections of the run.
    static UserCursor Once(std::atomic<std::uint64_t>& next_user, std::uint64_t users) {
        return UserCursor(&next_user, 0, 1, users);
    }
    // Round-robin over this connection's share. REQUIRES: connection < connections.
    static UserCursor RoundRobin(std::uint32_t connection, std::uint32_t connections,
                                 std::uint64_t users) {
        assert(connection < connections);
        return UserCursor(nullptr, connection, connections, users);
    }

    // nullopt: no user left for this connection.
    std::optional<std::uint64_t> Next() {
        if (shared_next_ != nullptr) {
            const std::uint64_t user = shared_next_->fetch_add(1, std::memory_order_relaxed);
            return user < users_ ? std::optional(user) : std::nullopt;
        }
        if (first_ >= users_) return std::nullopt;
        const std::uint64_t user = next_;
        next_ = next_ + stride_ < users_ ? next_ + stride_ : first_;
        return user;
    }

  private:
    UserCursor(std::atomic<std::uint64_t>* shared_next, std::uint64_t first, std::uint64_t stride,
               std::uint64_t users)
        : shared_next_(shared_next), first_(first), stride_(stride), next_(first), users_(users) {}

    std::atomic<std::uint64_t>* shared_next_;
    std::uint64_t first_;
    std::uint64_t stride_;
    std::uint64_t next_;
    std::uint64_t users_;
};

}  // namespace tix::bench
