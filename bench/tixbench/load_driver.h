// LoadDriver: one io_context thread's share of the load: its TurnClients and how their turns
// are started. Closed loop: a client starts its next turn as soon as the last one ends, until
// the users run out or the duration is over. Open loop: an OpenLoopSchedule sets when each
// arrival is due; an arrival goes to an idle client or waits in a bounded queue for one, and its
// latency counts from the intended time, so queueing in the bench is not hidden.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "open_loop_schedule.h"
#include "turn_client.h"

namespace tix::bench {

struct LoadOptions {
    bool open_loop = false;
    double rate_per_s = 0;  // this driver's share of the arrivals; open loop only
    std::optional<std::chrono::steady_clock::duration> duration;  // required in open loop
    std::chrono::milliseconds timeout{10'000};
};

class LoadDriver final : public TurnClient::Owner {
  public:
    using Clock = std::chrono::steady_clock;
    // Beyond this many waiting arrivals the bench itself is the bottleneck; more are dropped
    // and counted rather than queued without bound.
    static constexpr std::size_t kQueuedArrivalsMax = 1'000'000;

    LoadDriver(const RunPlan& plan, RunShared& shared, boost::asio::ip::tcp::endpoint server,
               const LoadOptions& options, std::uint32_t first_client, std::uint32_t clients);

    // Opens every connection before the window; returns how many failed. Blocks.
    std::uint32_t ConnectAll();
    // Runs the measured window from `start` until every turn has ended. Blocks.
    void Run(Clock::time_point start);
    // When the last turn ended (the start if none ran).
    Clock::time_point last_turn_end() const { return last_turn_end_; }
    void CollectInto(RunStats& stats, OrderLedger& ledger);

  private:
    void OnTurnDone(TurnClient& client) override;
    void StartClosedLoopTurn(TurnClient& client);
    void OnArrivalTimer();
    void Dispatch(Clock::time_point intended);

    LoadOptions options_;
    boost::asio::io_context io_{1};
    std::vector<std::unique_ptr<TurnClient>> clients_;
    boost::asio::steady_timer arrivals_;
    std::optional<OpenLoopSchedule> schedule_;
    std::uint64_t next_arrival_ = 0;
    std::vector<TurnClient*> idle_;
    std::deque<Clock::time_point> queued_;
    std::optional<Clock::time_point> deadline_;
    bool users_exhausted_ = false;
    Clock::time_point last_turn_end_;
    std::uint64_t dropped_queue_full_ = 0;
    std::uint64_t unsent_at_end_ = 0;
};

}  // namespace tix::bench
