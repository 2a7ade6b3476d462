#include "pay_prep_client.h"

#include <boost/json/parse.hpp>

namespace tix::bench {

// 503 overloaded is counted, not an error: the order is then left out of the webhook phase.
PayPrepClient::PayPrepClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                             std::chrono::milliseconds timeout, PayPrepWork& work)
    : ClosedLoopClient(io, server, timeout, {"overloaded"}), work_(work) {}

void PayPrepClient::Run(Phase phase, Clock::time_point deadline) {
    phase_ = phase;
    Start(deadline);
}

bool PayPrepClient::SendNext(HttpConnection& connection) {
    // Only a held order can be paid.
    while (phase_ == Phase::kPays && work_.next_user < work_.tokens.size() &&
           work_.order_ids[work_.next_user] == 0) {
        ++work_.next_user;
    }
    if (work_.next_user >= work_.tokens.size()) return false;
    user_ = work_.next_user++;
    if (phase_ == Phase::kHolds) {
        connection.Send("POST", "/api/v1/orders", work_.tokens[user_], work_.hold_body);
        return true;
    }
    target_ = "/api/v1/orders/" + std::to_string(work_.order_ids[user_]) + "/pay";
    connection.Send("POST", target_, work_.tokens[user_], {});
    return true;
}

void PayPrepClient::OnSuccess(const HttpAnswer& answer) {
    boost::system::error_code error;
    const boost::json::value body = boost::json::parse(answer.body, error);
    if (error) return;
    if (phase_ == Phase::kHolds) {
        const auto* object = body.if_object();
        const auto* id = object != nullptr ? object->if_contains("order_id") : nullptr;
        if (id != nullptr && id->is_int64()) work_.order_ids[user_] = id->get_int64();
        return;
    }
    auto payment = ReadPayAnswer(body);
    if (payment.ok()) work_.payments[user_] = std::move(*payment);
}

}  // namespace tix::bench
