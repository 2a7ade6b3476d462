#include "buyer_client.h"

#include <boost/json/parse.hpp>
#include <charconv>

#include "opened_payment.h"
#include "problem_code.h"

namespace tix::bench {
namespace {

std::uint64_t MicrosSince(std::chrono::steady_clock::time_point from) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - from)
                            .count();
    return micros > 0 ? static_cast<std::uint64_t>(micros) : 0;
}

// "hold 409 sold_out", "card 402": what a failed step answered.
std::string Refusal(const char* step, const HttpAnswer& answer) {
    if (answer.error) return std::string(step) + " error: " + answer.error.message();
    std::string reason = std::string(step) + " " + std::to_string(answer.status);
    const std::string_view code = ProblemCode(answer.body);
    if (!code.empty()) reason.append(" ").append(code);
    return reason;
}

}  // namespace

BuyerClient::BuyerClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint tixd,
                         boost::asio::ip::tcp::endpoint tixpay, std::chrono::milliseconds timeout,
                         BuyerWork& work)
    : tixd_(io, tixd, timeout, *this),
      tixpay_(io, tixpay, timeout, *this),
      poll_timer_(io),
      work_(work) {}

void BuyerClient::Connect(std::function<void(boost::beast::error_code)> done) {
    auto first_error = std::make_shared<boost::beast::error_code>();
    auto remaining = std::make_shared<int>(2);
    auto one_done = [first_error, remaining, done](boost::beast::error_code error) {
        if (error && !*first_error) *first_error = error;
        if (--*remaining == 0) done(*first_error);
    };
    tixd_.Connect(one_done);
    tixpay_.Connect(one_done);
}

void BuyerClient::Start() { NextBuyer(); }

void BuyerClient::NextBuyer() {
    if (work_.next_buyer >= work_.tokens.size()) return;
    buyer_ = work_.next_buyer++;
    step_ = Step::kHold;
    hold_sent_ = sent_at_ = Clock::now();
    hold_sent_wall_ = std::chrono::system_clock::now();
    tixd_.Send("POST", "/api/v1/orders", work_.tokens[buyer_], work_.hold_body);
}

void BuyerClient::Poll() {
    step_ = Step::kPoll;
    sent_at_ = Clock::now();
    ++figures_.polls;
    tixd_.Send("GET", order_path_, work_.tokens[buyer_], {});
}

void BuyerClient::Fail(std::string reason) {
    ++figures_.failures[std::move(reason)];
    Finish();
}

void BuyerClient::Finish() {
    last_done_ = Clock::now();
    NextBuyer();
}

void BuyerClient::OnAnswer(const HttpAnswer& answer) {
    switch (step_) {
        case Step::kHold:
            figures_.hold.Record(MicrosSince(sent_at_));
            return OnHeld(answer);
        case Step::kPay:
            figures_.pay.Record(MicrosSince(sent_at_));
            return OnPaymentOpened(answer);
        case Step::kCharge:
            figures_.charge.Record(MicrosSince(sent_at_));
            if (answer.error || answer.status != 200) return Fail(Refusal("card", answer));
            charged_ = Clock::now();
            charged_wall_ = std::chrono::system_clock::now();
            return Poll();
        case Step::kPoll:
            return OnPolled(answer);
    }
}

void BuyerClient::OnHeld(const HttpAnswer& answer) {
    if (answer.error || answer.status != 201) return Fail(Refusal("hold", answer));
    constexpr std::string_view kKey = R"("order_id":)";
    const std::size_t at = answer.body.find(kKey);
    std::int64_t order_id = 0;
    if (at != std::string_view::npos) {
        const char* from = answer.body.data() + at + kKey.size();
        std::from_chars(from, answer.body.data() + answer.body.size(), order_id);
    }
    if (order_id <= 0) return Fail("hold: no order_id");
    order_path_ = "/api/v1/orders/" + std::to_string(order_id);
    target_ = order_path_ + "/pay";
    step_ = Step::kPay;
    sent_at_ = Clock::now();
    tixd_.Send("POST", target_, work_.tokens[buyer_], {});
}

void BuyerClient::OnPaymentOpened(const HttpAnswer& answer) {
    if (answer.error || answer.status != 201) return Fail(Refusal("pay", answer));
    boost::system::error_code error;
    const auto payment = ReadPayAnswer(boost::json::parse(answer.body, error));
    if (error || !payment.ok()) return Fail("pay: unreadable answer");
    // The browser's call: the client secret proves it may pay; no API key.
    target_ = "/v1/payment_intents/" + payment->payment_id + "/pay";
    body_ =
        R"({"client_secret":")" + payment->client_secret + R"(","card":")" + work_.card + R"("})";
    step_ = Step::kCharge;
    sent_at_ = Clock::now();
    tixpay_.Send("POST", target_, {}, body_);
}

void BuyerClient::OnPolled(const HttpAnswer& answer) {
    if (answer.error || answer.status != 200) return Fail(Refusal("poll", answer));
    if (const auto paid_at = PaidAt(answer.body)) {
        ++figures_.paid;
        figures_.hold_to_seen.Record(MicrosSince(hold_sent_));
        figures_.hold_to_paid.Record(MicrosBetween(hold_sent_wall_, *paid_at));
        figures_.charge_to_paid.Record(MicrosBetween(charged_wall_, *paid_at));
        return Finish();
    }
    if (Clock::now() - charged_ > work_.paid_wait_max) return Fail("never paid");
    poll_timer_.expires_after(work_.poll_interval);
    poll_timer_.async_wait([this](boost::system::error_code error) {
        if (!error) Poll();
    });
}

}  // namespace tix::bench
