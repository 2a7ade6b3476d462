// RedisLuaStore: the Redis 7 alternative — stock counters, per-user counts and hold records in
// one Redis, each operation one EVALSHA of a script in redis_lua_scripts.h. Durability is the
// server's configuration (appendfsync always, or none), not the client's. Connect() may be called
// from any thread; Setup and Snapshot from one thread while no connection is in use.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "alt_store.h"

namespace tix::bench {

class RedisLuaStore final : public AltStore {
  public:
    RedisLuaStore(std::string host, int port) : host_(std::move(host)), port_(port) {}

    std::string Setup(const Scenario& scenario, std::uint64_t users) override;
    Result<std::unique_ptr<AltConnection>> Connect() override;
    Result<StoreSnapshot> Snapshot(const Scenario& scenario, std::uint64_t users) override;

    struct ScriptShas {
        std::string hold, confirm, cancel;
    };

  private:
    std::string host_;
    int port_;
    ScriptShas shas_;                                       // set by Setup, read-only afterwards
    std::atomic<std::uint32_t> next_connection_serial_{1};  // makes hold ids unique per run
};

}  // namespace tix::bench
