// PostgresStore: the PostgreSQL 15 alternative — zones(total, sold), user_limits(held) and holds
// rows, each hold one client-driven transaction of prepared statements (postgres_sql.h), as a
// typical application would write it. Two ways to guard the stock:
//   kConditionalUpdate: UPDATE zones ... WHERE sold + q <= total; 0 rows means sold out.
//   kSelectForUpdate:   SELECT ... FOR UPDATE, check in the client, then UPDATE.
// Durability is the server's (synchronous_commit=on, fsync=on). Connect() may be called from any
// thread; Setup and Snapshot from one thread while no connection is in use.
#pragma once

#include <string>

#include "alt_store.h"

namespace tix::bench {

enum class PostgresVariant : std::uint8_t { kConditionalUpdate, kSelectForUpdate };

class PostgresStore final : public AltStore {
  public:
    // conninfo: a libpq connection string, e.g. "host=127.0.0.1 port=5432 user=postgres".
    PostgresStore(std::string conninfo, PostgresVariant variant)
        : conninfo_(std::move(conninfo)), variant_(variant) {}

    std::string Setup(const Scenario& scenario, std::uint64_t users) override;
    Result<std::unique_ptr<AltConnection>> Connect() override;
    Result<StoreSnapshot> Snapshot(const Scenario& scenario, std::uint64_t users) override;

  private:
    std::string conninfo_;
    PostgresVariant variant_;
};

}  // namespace tix::bench
