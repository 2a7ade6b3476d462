#include "checkin_prep_client.h"

#include <boost/json/parse.hpp>

namespace tix::bench {

// 503 overloaded is counted, not an error: that buyer's tickets are then left out of the scans.
CheckInPrepClient::CheckInPrepClient(boost::asio::io_context& io,
                                     boost::asio::ip::tcp::endpoint server,
                                     std::chrono::milliseconds timeout, CheckInPrepWork& work)
    : ClosedLoopClient(io, server, timeout, {"overloaded"}), work_(work) {}

void CheckInPrepClient::Run(Phase phase, Clock::time_point deadline) {
    phase_ = phase;
    Start(deadline);
}

bool CheckInPrepClient::SendNext(HttpConnection& connection) {
    // Only a held order can be paid, and only a paid one has tickets.
    const auto skip = [&](std::uint32_t user) {
        if (phase_ == Phase::kConfirms) return work_.order_ids[user] == 0;
        if (phase_ == Phase::kTickets) return work_.paid[user] == 0;
        return false;
    };
    while (work_.next_user < work_.tokens.size() && skip(work_.next_user)) ++work_.next_user;
    if (work_.next_user >= work_.tokens.size()) return false;
    user_ = work_.next_user++;
    const std::string& token = work_.tokens[user_];
    if (phase_ == Phase::kHolds) {
        connection.Send("POST", "/api/v1/orders", token, work_.hold_body);
        return true;
    }
    target_ = "/api/v1/orders/" + std::to_string(work_.order_ids[user_]);
    if (phase_ == Phase::kConfirms) {
        target_ += "/confirm";
        connection.Send("POST", target_, token, {});
    } else {
        target_ += "/tickets";
        connection.Send("GET", target_, token, {});
    }
    return true;
}

void CheckInPrepClient::OnSuccess(const HttpAnswer& answer) {
    if (phase_ == Phase::kConfirms) {
        work_.paid[user_] = 1;
        return;
    }
    if (phase_ == Phase::kTickets) {
        for (std::string& payload : ReadTicketPayloads(answer.body)) {
            work_.payloads.push_back(std::move(payload));
        }
        return;
    }
    boost::system::error_code error;
    const boost::json::value body = boost::json::parse(answer.body, error);
    const auto* object = error ? nullptr : body.if_object();
    const auto* id = object != nullptr ? object->if_contains("order_id") : nullptr;
    if (id != nullptr && id->is_int64()) work_.order_ids[user_] = id->get_int64();
}

std::vector<std::string> ReadTicketPayloads(std::string_view body) {
    std::vector<std::string> payloads;
    boost::system::error_code error;
    const boost::json::value json = boost::json::parse(body, error);
    const auto* object = error ? nullptr : json.if_object();
    const auto* tickets = object != nullptr ? object->if_contains("tickets") : nullptr;
    if (tickets == nullptr || !tickets->is_array()) return payloads;
    for (const boost::json::value& ticket : tickets->get_array()) {
        const auto* qr = ticket.is_object() ? ticket.get_object().if_contains("qr") : nullptr;
        if (qr != nullptr && qr->is_string()) payloads.emplace_back(qr->get_string());
    }
    return payloads;
}

}  // namespace tix::bench
