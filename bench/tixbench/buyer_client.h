// BuyerClient: one buyer at a time of `--scenario pay`'s end-to-end phase, as a person's browser
// does it: hold one ticket (POST /orders), open the payment (POST /orders/{id}/pay: tixd asks
// tixpay for the intent), pay the intent at tixpay with the card (POST /v1/payment_intents/{id}
// /pay, no API key), then poll GET /orders/{id} every `poll_interval` until tixd has applied
// tixpay's webhook and the order is paid. Then the next buyer. One connection to tixd and one to
// tixpay, one request in flight between them. The buyers are shared by the clients of one
// io_context thread (BuyerWork), so no lock. Runs on its io_context's thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "buyer_figures.h"
#include "http_connection.h"

namespace tix::bench {

struct BuyerWork {
    std::string hold_body;            // {"event_id":E,"zone_id":"PAY","quantity":1}
    std::vector<std::string> tokens;  // one buyer each
    std::uint32_t next_buyer = 0;
    std::chrono::milliseconds poll_interval{100};
    std::chrono::milliseconds paid_wait_max{60'000};  // from the card's 200; then "never paid"
    std::string card;
};

class BuyerClient final : public HttpConnection::Listener {
  public:
    using Clock = std::chrono::steady_clock;

    BuyerClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint tixd,
                boost::asio::ip::tcp::endpoint tixpay, std::chrono::milliseconds timeout,
                BuyerWork& work);

    // Opens both connections; `done` once with the first error, if any.
    void Connect(std::function<void(boost::beast::error_code)> done);
    // Takes buyers until none is left.
    void Start();
    Clock::time_point last_done() const { return last_done_; }
    const BuyerFigures& figures() const { return figures_; }

  private:
    enum class Step : std::uint8_t { kHold, kPay, kCharge, kPoll };

    void NextBuyer();
    void Poll();
    void Fail(std::string reason);
    void Finish();
    void OnAnswer(const HttpAnswer& answer) override;
    void OnHeld(const HttpAnswer& answer);
    void OnPaymentOpened(const HttpAnswer& answer);
    void OnPolled(const HttpAnswer& answer);

    HttpConnection tixd_;
    HttpConnection tixpay_;
    boost::asio::steady_timer poll_timer_;
    BuyerWork& work_;
    BuyerFigures figures_;

    Step step_ = Step::kHold;
    std::uint32_t buyer_ = 0;
    std::string order_path_;  // /api/v1/orders/{id}
    std::string target_;      // reused: the request in flight's path
    std::string body_;        // reused: the request in flight's body
    Clock::time_point sent_at_{};
    Clock::time_point hold_sent_{};
    std::chrono::system_clock::time_point hold_sent_wall_{};
    std::chrono::system_clock::time_point charged_wall_{};
    Clock::time_point charged_{};
    Clock::time_point last_done_{};
};

}  // namespace tix::bench
