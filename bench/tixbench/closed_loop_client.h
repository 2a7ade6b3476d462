// ClosedLoopClient: one connection of a closed-loop phase (`tixbench auth`, `--scenario
// queue-load`): the next request as soon as the last is answered, none after the phase's
// deadline or once there is nothing left to send, a short pause after a transport error. What
// the requests are and what counts as success is the subclass's; the figures go to a
// PhaseRecorder. Runs on its io_context's thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <string_view>
#include <vector>

#include "http_connection.h"
#include "phase_recorder.h"

namespace tix::bench {

class ClosedLoopClient : public HttpConnection::Listener {
  public:
    using Clock = std::chrono::steady_clock;

    void Connect(std::function<void(boost::beast::error_code)> done);
    // When the phase's last answer came (or the phase started, if none did).
    Clock::time_point last_answer() const { return recorder_.last_answer(); }
    // This client's figures for the phase; starts afresh for the next one.
    PhaseStats TakeStats() { return recorder_.Take(); }

  protected:
    // `refusals`: the problem codes the server may answer instead of success (counted, not
    // errors), e.g. "overloaded".
    ClosedLoopClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                     std::chrono::milliseconds timeout, std::vector<std::string_view> refusals);
    ~ClosedLoopClient() = default;

    // Begins the phase: requests until `deadline`, or until SendNext has none.
    void Start(Clock::time_point deadline);
    // Sends the next request on `connection`; false when there is none left.
    virtual bool SendNext(HttpConnection& connection) = 0;
    // The status of a success (201, 200) for the request in flight.
    virtual unsigned SuccessStatus() const = 0;
    // A success came back for the request in flight.
    virtual void OnSuccess(const HttpAnswer& answer) = 0;
    // Anything else came back for it (a refusal, an error, no answer): e.g. to send it again.
    virtual void OnNotSucceeded(const HttpAnswer& /*answer*/) {}

  private:
    void Next();
    void OnAnswer(const HttpAnswer& answer) override;

    HttpConnection connection_;
    boost::asio::steady_timer backoff_;
    std::vector<std::string_view> refusals_;
    Clock::time_point deadline_;
    PhaseRecorder recorder_;
};

}  // namespace tix::bench
