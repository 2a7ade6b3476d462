// WebhookClient: one connection of `--scenario pay`'s webhook phase. The bench plays the payment
// provider: it POSTs signed `payment_intent.succeeded` events to tixd's /payments/webhook in a
// closed loop, in the RedeliverySchedule's order, and counts what tixd answered (`applied`,
// `duplicate`, anything else). A delivery that gets no 200 is sent again, as a provider retries
// it. Bodies and signature headers are made before the phase (WebhookWork), so the loop only
// sends. The work is shared by the clients of one io_context thread, so no lock. Runs on its
// io_context's thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "closed_loop_client.h"

namespace tix::bench {

struct WebhookWork {
    std::vector<std::string> bodies;      // per event
    std::vector<std::string> headers;     // per event: "Tix-Signature: t=...,v1=...\r\n"
    std::vector<std::uint32_t> schedule;  // event indices in delivery order
    std::size_t next = 0;                 // into schedule
    std::deque<std::uint32_t> retries;    // events to send again (no 200 the last time)
};

struct WebhookCounts {
    std::uint64_t applied = 0;
    std::uint64_t duplicate = 0;
    std::uint64_t other = 0;    // a 200 with any other outcome (no_change, unknown_order, ...)
    std::uint64_t retried = 0;  // deliveries sent again after no 200
};

class WebhookClient final : public ClosedLoopClient {
  public:
    WebhookClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                  std::chrono::milliseconds timeout, WebhookWork& work);

    void Run(Clock::time_point deadline) { Start(deadline); }
    const WebhookCounts& counts() const { return counts_; }

  private:
    bool SendNext(HttpConnection& connection) override;
    unsigned SuccessStatus() const override { return 200; }
    void OnSuccess(const HttpAnswer& answer) override;
    void OnNotSucceeded(const HttpAnswer& answer) override;

    WebhookWork& work_;
    std::uint32_t event_ = 0;  // of the delivery in flight
    WebhookCounts counts_;
};

}  // namespace tix::bench
