// PayPrepClient: one connection of `--scenario pay`'s setup (not measured), in a closed loop:
// every order held (POST /orders, one ticket each, a user per order), then its payment opened
// (POST /orders/{id}/pay: tixd asks tixpay for the intent before it answers), the intents kept
// for the webhook phase. The orders are shared by the clients of one io_context thread
// (PayPrepWork), so no lock. Runs on its io_context's thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "closed_loop_client.h"
#include "opened_payment.h"

namespace tix::bench {

struct PayPrepWork {
    std::string hold_body;                // {"event_id":E,"zone_id":"PAY","quantity":1}
    std::vector<std::string> tokens;      // a user per order
    std::vector<std::int64_t> order_ids;  // per user, 0 until held
    std::vector<std::optional<OpenedPayment>> payments;  // per user, once /pay answered 201
    std::uint32_t next_user = 0;
};

class PayPrepClient final : public ClosedLoopClient {
  public:
    enum class Phase : std::uint8_t { kHolds, kPays };

    PayPrepClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                  std::chrono::milliseconds timeout, PayPrepWork& work);

    void Run(Phase phase, Clock::time_point deadline);

  private:
    bool SendNext(HttpConnection& connection) override;
    unsigned SuccessStatus() const override { return 201; }
    void OnSuccess(const HttpAnswer& answer) override;

    PayPrepWork& work_;
    Phase phase_ = Phase::kHolds;
    std::uint32_t user_ = 0;  // of the request in flight
    std::string target_;
};

}  // namespace tix::bench
