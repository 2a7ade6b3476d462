#include "load_driver.h"

#include <cassert>

#include "closed_loop_phase.h"

namespace tix::bench {

LoadDriver::LoadDriver(const RunPlan& plan, RunShared& shared,
                       boost::asio::ip::tcp::endpoint server, const LoadOptions& options,
                       std::uint32_t first_client, std::uint32_t clients)
    : options_(options), arrivals_(io_) {
    assert(!options.open_loop || (options.rate_per_s > 0 && options.duration));
    clients_.reserve(clients);
    for (std::uint32_t i = 0; i < clients; ++i) {
        clients_.push_back(std::make_unique<TurnClient>(io_, server, options.timeout, plan, shared,
                                                        first_client + i, *this));
    }
}

std::uint32_t LoadDriver::ConnectAll() { return tix::bench::ConnectAll(io_, clients_); }

void LoadDriver::Run(Clock::time_point start) {
    last_turn_end_ = start;
    if (options_.duration) deadline_ = start + *options_.duration;
    if (options_.open_loop) {
        for (auto& client : clients_) idle_.push_back(client.get());
        schedule_.emplace(options_.rate_per_s, start, *options_.duration);
        if (schedule_->total() > 0) {
            arrivals_.expires_at(schedule_->IntendedTime(0));
            arrivals_.async_wait([this](boost::system::error_code) { OnArrivalTimer(); });
        }
    } else {
        for (auto& client : clients_) StartClosedLoopTurn(*client);
    }
    io_.run();
}

void LoadDriver::StartClosedLoopTurn(TurnClient& client) {
    if (users_exhausted_) return;
    const Clock::time_point now = Clock::now();
    if (deadline_ && now >= *deadline_) return;
    if (!client.StartTurn(now)) users_exhausted_ = true;
}

void LoadDriver::OnTurnDone(TurnClient& client) {
    last_turn_end_ = Clock::now();
    if (!options_.open_loop) return StartClosedLoopTurn(client);
    while (!queued_.empty() && !users_exhausted_) {
        const Clock::time_point intended = queued_.front();
        queued_.pop_front();
        if (client.StartTurn(intended)) return;
        users_exhausted_ = true;
    }
    idle_.push_back(&client);
}

void LoadDriver::OnArrivalTimer() {
    const std::uint64_t due = schedule_->DueBy(Clock::now());
    while (next_arrival_ < due && !users_exhausted_) {
        Dispatch(schedule_->IntendedTime(next_arrival_++));
    }
    if (next_arrival_ < schedule_->total() && !users_exhausted_) {
        arrivals_.expires_at(schedule_->IntendedTime(next_arrival_));
        arrivals_.async_wait([this](boost::system::error_code) { OnArrivalTimer(); });
        return;
    }
    // The window is over: arrivals still waiting for a connection are never sent.
    unsent_at_end_ += queued_.size();
    queued_.clear();
}

void LoadDriver::Dispatch(Clock::time_point intended) {
    while (!idle_.empty()) {
        TurnClient* client = idle_.back();
        idle_.pop_back();
        if (client->StartTurn(intended)) return;
        users_exhausted_ = true;
        idle_.push_back(client);
        return;
    }
    if (queued_.size() >= kQueuedArrivalsMax) {
        ++dropped_queue_full_;
        return;
    }
    queued_.push_back(intended);
}

void LoadDriver::CollectInto(RunStats& stats, OrderLedger& ledger) {
    for (auto& client : clients_) client->CollectInto(stats, ledger);
    if (dropped_queue_full_ > 0) {
        stats.outcomes["error: arrival queue full"] += dropped_queue_full_;
        stats.errors += dropped_queue_full_;
    }
    if (unsent_at_end_ > 0) stats.outcomes["not sent: queued at the end"] += unsent_at_end_;
}

}  // namespace tix::bench
