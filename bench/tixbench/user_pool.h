// UserPool: hands out the run's users to connections. kOnce (dome, hot-row): every user gets
// exactly one turn, then the pool is empty. kRoundRobin (churn, ceiling): users cycle forever
// and one in use by a connection is skipped, so no user has two requests in flight.
// Thread-safe (one mutex, held for a few instructions; one io thread by default).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace tix::bench {

class UserPool {
  public:
    enum class Mode : std::uint8_t { kOnce, kRoundRobin };

    // REQUIRES: user_count > 0.
    UserPool(Mode mode, std::uint32_t user_count);

    // nullopt: kOnce and every user has had its turn, or kRoundRobin and every user is busy.
    std::optional<std::uint32_t> Acquire();
    void Release(std::uint32_t user);

  private:
    Mode mode_;
    std::mutex mutex_;
    std::uint32_t next_ = 0;
    std::vector<bool> busy_;
};

}  // namespace tix::bench
