#include "webhook_client.h"

#include "opened_payment.h"

namespace tix::bench {

namespace {

constexpr std::string_view kWebhookPath = "/api/v1/payments/webhook";

}  // namespace

// 503 overloaded is a refusal (sent again), not an error.
WebhookClient::WebhookClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                             std::chrono::milliseconds timeout, WebhookWork& work)
    : ClosedLoopClient(io, server, timeout, {"overloaded"}), work_(work) {}

bool WebhookClient::SendNext(HttpConnection& connection) {
    if (!work_.retries.empty()) {
        event_ = work_.retries.front();
        work_.retries.pop_front();
        ++counts_.retried;
    } else if (work_.next < work_.schedule.size()) {
        event_ = work_.schedule[work_.next++];
    } else {
        return false;
    }
    connection.Send("POST", kWebhookPath, {}, work_.bodies[event_], work_.headers[event_]);
    return true;
}

void WebhookClient::OnSuccess(const HttpAnswer& answer) {
    const std::string_view outcome = WebhookOutcome(answer.body);
    if (outcome == "applied") {
        ++counts_.applied;
    } else if (outcome == "duplicate") {
        ++counts_.duplicate;
    } else {
        ++counts_.other;
    }
}

// A provider retries whatever got no 2xx; the bench only what may go through next time (no
// answer, 5xx): a 4xx (a bad signature, an unreadable event) would be refused again forever.
void WebhookClient::OnNotSucceeded(const HttpAnswer& answer) {
    if (answer.error || answer.status >= 500) work_.retries.push_back(event_);
}

}  // namespace tix::bench
