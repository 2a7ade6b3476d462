// TurnClient: one connection of the load and the scenario logic it runs. A turn is one user's go
// at the on-sale: a hold in a Zipf-chosen zone, one retry in a fallback zone if that zone is sold
// out or has no adjacent seats (dome, hot-row), then the follow-up (confirm, cancel or walk
// away). In the ceiling scenario a turn is one GET /health. Counts go into the client's own
// RunStats and OrderLedger, so there is no sharing on the hot path; LoadDriver starts turns.
// Runs on its io_context's thread only.
#pragma once

#include <array>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "http_connection.h"
#include "onsale_workload.h"
#include "order_ledger.h"
#include "outcome_counter.h"
#include "run_plan.h"
#include "run_stats.h"

namespace tix::bench {

class TurnClient final : public HttpConnection::Listener {
  public:
    using Clock = std::chrono::steady_clock;

    class Owner {
      public:
        virtual void OnTurnDone(TurnClient& client) = 0;

      protected:
        ~Owner() = default;
    };

    TurnClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
               std::chrono::milliseconds timeout, const RunPlan& plan, RunShared& shared,
               std::uint32_t index, Owner& owner);

    void Connect(std::function<void(boost::beast::error_code)> done);
    // Starts a turn whose first request was meant to go out at `intended` (open loop) or now
    // (closed loop); latency of that request counts from `intended`. Returns false, starting
    // nothing, when every user has had its turn. REQUIRES: no turn in progress.
    bool StartTurn(Clock::time_point intended);
    // Adds this client's figures and orders to the run's. Call after the run.
    void CollectInto(RunStats& stats, OrderLedger& ledger);

  private:
    enum class Step : std::uint8_t { kIdle, kHold, kConfirm, kCancel, kHealth };

    void SendHold();
    void SendFollowUp(Step step);
    void OnAnswer(const HttpAnswer& answer) override;
    void OnHoldAnswer(const HttpAnswer& answer, Clock::time_point now);
    void OnFollowUpAnswer(const HttpAnswer& answer);
    bool RecordOrder(std::string_view body);
    void CountTransportError(const HttpAnswer& answer);
    void EndTurn(bool after_error);

    HttpConnection connection_;
    const RunPlan& plan_;
    RunShared& shared_;
    Owner& owner_;
    OnSaleWorkload workload_;
    boost::asio::steady_timer backoff_;

    Step step_ = Step::kIdle;
    Attempt attempt_;
    std::uint32_t user_ = 0;
    std::uint32_t zone_ = 0;
    bool tried_fallback_ = false;
    std::size_t order_ = 0;  // ledger index of the turn's order
    Clock::time_point measure_from_;

    std::array<char, 128> body_{};                        // reused: the hold request's JSON
    std::array<char, 64> target_{};                       // reused: the follow-up's path
    std::array<unsigned char, 16 * 1024> json_memory_{};  // an order's JSON parses in here
    boost::json::monotonic_resource json_resource_{json_memory_.data(), json_memory_.size()};
    boost::json::parser json_parser_;

    RunStats stats_;
    OutcomeCounter outcomes_;
    OrderLedger ledger_;
};

}  // namespace tix::bench
