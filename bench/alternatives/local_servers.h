// LocalServers: throw-away redis-server and PostgreSQL instances on 127.0.0.1 for tests, started
// and stopped through local_servers.sh in a temporary directory this object owns. A watchdog
// stops them if the test process dies without running the destructor. One thread.
#pragma once

#include <optional>
#include <string>

namespace tix::bench {

class LocalServers {
  public:
    // REQUIRES: script is the path of local_servers.sh.
    explicit LocalServers(std::string script);
    ~LocalServers();
    LocalServers(const LocalServers&) = delete;
    LocalServers& operator=(const LocalServers&) = delete;

    // Whether redis-server and PostgreSQL 15 are installed at all.
    static bool RedisInstalled();
    static bool PostgresInstalled();

    // The port, or nullopt (with the script's complaint on stderr).
    std::optional<int> StartRedis(bool fsync_always);
    std::optional<int> StartPostgres();

  private:
    std::optional<int> Start(const std::string& arguments);

    std::string script_;
    std::string dir_;
};

}  // namespace tix::bench
