#include "closed_loop_run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <latch>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "onsale_workload.h"
#include "user_cursor.h"

namespace tix::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kErrorTextMax = 60;  // keeps the outcome map small whatever servers say
constexpr int kReconnectsMax = 3;          // per connection, after transport errors
constexpr std::uint64_t kSeedStride = 0x9E3779B97F4A7C15ULL;  // distinct stream per connection

// One connection's loop and its private figures; merged by the caller after join.
class Worker {
  public:
    Worker(AltStore& store, const RunConfig& config, Ledger& ledger, UserCursor users,
           std::uint64_t seed)
        : store_(store),
          config_(config),
          ledger_(ledger),
          users_(users),
          workload_(config.scenario.shape, static_cast<std::uint32_t>(config.scenario.zones.size()),
                    seed),
          first_sold_out_s_(config.scenario.zones.size()) {}

    void Connect() {
        auto connection = store_.Connect();
        if (connection.ok()) {
            connection_ = std::move(*connection.value);
        } else {
            CountError("connect: " + connection.error);
        }
    }

    void Run(Clock::time_point start) {
        start_ = start;
        const double limit_s = config_.scenario.timed ? config_.duration_s : config_.time_limit_s;
        const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(limit_s));
        while (connection_ != nullptr) {
            if (limit_s > 0 && Clock::now() >= deadline) break;
            const std::optional<std::uint64_t> user = users_.Next();
            if (!user) break;
            ++turns_;
            Turn(*user);
        }
    }

    const RunStats& stats() const { return stats_; }
    std::uint64_t turns() const { return turns_; }
    const std::vector<std::optional<double>>& first_sold_out_s() const { return first_sold_out_s_; }

  private:
    // One user's turn: an attempt, one retry elsewhere if sold out, then the follow-up.
    void Turn(std::uint64_t user) {
        const Attempt attempt = workload_.Next();
        HoldRef hold{.user = user, .zone = attempt.zone_index, .quantity = attempt.quantity};
        StoreOutcome outcome = TimedHold(hold);
        // As tixbench: one retry in another zone, when there is one.
        if (outcome == StoreOutcome::kSoldOut && config_.scenario.zones.size() > 1) {
            hold.zone = workload_.FallbackZone(attempt.zone_index);
            outcome = TimedHold(hold);
        }
        if (outcome != StoreOutcome::kHeld) return;
        switch (attempt.follow_up) {
            case FollowUp::kConfirm:
                if (Timed([&] { return connection_->Confirm(hold); }) == StoreOutcome::kDone) {
                    ++stats_.confirms_ok;
                }
                break;
            case FollowUp::kCancel:
                if (Timed([&] { return connection_->Cancel(hold); }) == StoreOutcome::kDone) {
                    ++stats_.cancels_ok;
                    ledger_.RecordCancelled(hold);
                }
                break;
            case FollowUp::kLeave:
                break;
        }
    }

    StoreOutcome TimedHold(HoldRef& hold) {
        HoldReply reply;
        const auto began = Clock::now();
        const StoreOutcome outcome = Timed([&] {
            reply = connection_->Hold(hold.user, hold.zone, hold.quantity);
            return reply.outcome;
        });
        if (outcome != StoreOutcome::kError) stats_.hold_latency.Record(MicrosSince(began));
        if (outcome == StoreOutcome::kHeld) {
            hold.hold_id = reply.hold_id;
            ++stats_.holds_ok;
            stats_.tickets_held += hold.quantity;
            ledger_.RecordHeld(hold);
        } else if (outcome == StoreOutcome::kSoldOut && !first_sold_out_s_[hold.zone]) {
            first_sold_out_s_[hold.zone] =
                std::chrono::duration<double>(Clock::now() - start_).count();
        }
        return outcome;
    }

    template <typename Call>
    StoreOutcome Timed(Call call) {
        const auto began = Clock::now();
        const StoreOutcome outcome = call();
        if (outcome == StoreOutcome::kError) {
            CountError(connection_->last_error());
            Reconnect();
            return outcome;
        }
        stats_.all_latency.Record(MicrosSince(began));
        ++stats_.requests;
        stats_.CountOutcome(OutcomeName(outcome));
        // A live hold of our own should always confirm or cancel.
        if (outcome == StoreOutcome::kNotHeld) ++stats_.errors;
        return outcome;
    }

    void CountError(const std::string& what) {
        ++stats_.errors;
        stats_.CountOutcome("error: " + what.substr(0, kErrorTextMax));
    }

    void Reconnect() {
        connection_.reset();
        if (reconnects_++ < kReconnectsMax) Connect();
    }

    static std::uint64_t MicrosSince(Clock::time_point began) {
        return static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - began).count());
    }

    AltStore& store_;
    const RunConfig& config_;
    Ledger& ledger_;
    UserCursor users_;
    OnSaleWorkload workload_;
    std::unique_ptr<AltConnection> connection_;
    int reconnects_ = 0;
    std::uint64_t turns_ = 0;
    Clock::time_point start_;
    RunStats stats_;
    std::vector<std::optional<double>> first_sold_out_s_;
};

// Every zone has refused for stock once: the latest of the zones' first refusals.
std::optional<double> SoldOutAfter(const std::vector<std::unique_ptr<Worker>>& workers,
                                   std::size_t zone_count) {
    double latest = 0;
    for (std::size_t zone = 0; zone < zone_count; ++zone) {
        std::optional<double> first;
        for (const auto& worker : workers) {
            const auto& seen = worker->first_sold_out_s()[zone];
            if (seen && (!first || *seen < *first)) first = seen;
        }
        if (!first) return std::nullopt;
        latest = std::max(latest, *first);
    }
    return latest;
}

}  // namespace

std::string OutcomeName(StoreOutcome outcome) {
    switch (outcome) {
        case StoreOutcome::kHeld:
            return "201";
        case StoreOutcome::kSoldOut:
            return "409 sold_out";
        case StoreOutcome::kLimitExceeded:
            return "422 limit_exceeded";
        case StoreOutcome::kDone:
            return "200";
        case StoreOutcome::kNotHeld:
            return "409 not_held";
        case StoreOutcome::kError:
            return "error";
    }
    return "error";
}

RunResult RunClosedLoop(AltStore& store, const RunConfig& config, Ledger& ledger) {
    std::atomic<std::uint64_t> next_user{0};
    std::vector<std::unique_ptr<Worker>> workers;
    for (std::uint32_t c = 0; c < config.connections; ++c) {
        const UserCursor users = config.scenario.timed
                                     ? UserCursor::RoundRobin(c, config.connections, config.users)
                                     : UserCursor::Once(next_user, config.users);
        const std::uint64_t seed = config.seed + kSeedStride * (c + 1);  // as tixbench
        workers.push_back(std::make_unique<Worker>(store, config, ledger, users, seed));
    }

    std::latch connected(config.connections);
    std::latch go(1);
    Clock::time_point start;
    {
        std::vector<std::jthread> threads;
        for (auto& worker : workers) {
            threads.emplace_back([&, w = worker.get()] {
                w->Connect();
                connected.count_down();
                go.wait();
                w->Run(start);
            });
        }
        connected.wait();  // setup is not measured: every connection is open before the clock
        start = Clock::now();
        go.count_down();
    }  // joins
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

    RunResult result;
    RunStats& stats = result.stats;
    stats.system = config.label;
    stats.scenario = config.scenario.name;
    stats.connections = config.connections;
    for (const auto& worker : workers) {
        stats.Merge(worker->stats());
        result.turns += worker->turns();
    }
    stats.seconds = seconds;
    stats.sold_out_after_s = SoldOutAfter(workers, config.scenario.zones.size());
    result.complete = config.scenario.timed || result.turns >= config.users;
    return result;
}

}  // namespace tix::bench
