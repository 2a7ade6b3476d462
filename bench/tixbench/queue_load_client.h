// QueueLoadClient: one connection of `--scenario queue-load`, in a closed loop until its phase's
// deadline: fetching users' challenges and solving them (the setup, not measured), joining the
// queue with them (POST .../queue; a 201 is a durable join), or polling (GET .../queue/me) as the
// users that joined, taken in turn. The users are shared by the clients of one io_context
// thread (QueueLoadWork), so no lock. Runs on its io_context's thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "closed_loop_client.h"

namespace tix::bench {

struct QueueLoadWork {
    std::string challenge_path;  // GET .../queue/challenge
    std::string queue_path;      // POST .../queue
    std::string me_path;         // GET .../queue/me
    std::vector<std::string> tokens;
    std::vector<std::string> join_bodies;  // per user: {"challenge","nonce"}, once solved
    std::uint32_t next_user = 0;           // the next to fetch a challenge for, or to join
    std::vector<std::uint32_t> joined;     // users whose join tixd accepted
    std::uint64_t next_poll = 0;
};

class QueueLoadClient final : public ClosedLoopClient {
  public:
    enum class Phase : std::uint8_t { kChallenges, kJoins, kPolls };

    QueueLoadClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                    std::chrono::milliseconds timeout, QueueLoadWork& work);

    // Starts the loop: a request as soon as the last one is answered, none after `deadline` or
    // when the phase has no user left.
    void Run(Phase phase, Clock::time_point deadline);

  private:
    bool SendNext(HttpConnection& connection) override;
    unsigned SuccessStatus() const override { return phase_ == Phase::kJoins ? 201 : 200; }
    void OnSuccess(const HttpAnswer& answer) override;

    QueueLoadWork& work_;
    Phase phase_ = Phase::kChallenges;
    std::uint32_t user_ = 0;  // of the request in flight
};

}  // namespace tix::bench
