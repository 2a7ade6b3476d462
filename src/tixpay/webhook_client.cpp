#include "tixpay/webhook_client.h"

#include <boost/url/parse.hpp>

namespace tix::tixpay {
namespace {

namespace http = boost::beast::http;

// A receiver's answer is a status and a few bytes; anything bigger is not worth reading.
constexpr std::uint64_t kResponseBodyMax = 64 * 1024;
// tixd closes connections idle for 30 s: a connection idle longer than this is not reused, so a
// delivery rarely meets a close in flight.
constexpr std::chrono::seconds kReuseIdleMax{20};

}  // namespace

Result<WebhookTarget> ParseWebhookUrl(std::string_view url) {
    const auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed) return Status::InvalidArgument("not an absolute URL: " + std::string(url));
    if (parsed->scheme() != "http") return Status::InvalidArgument("only http:// is supported");
    if (parsed->encoded_host().empty()) return Status::InvalidArgument("the URL has no host");
    WebhookTarget target;
    target.host = std::string(parsed->encoded_host());
    target.port = parsed->has_port() ? std::string(parsed->port()) : "80";
    target.target = std::string(parsed->encoded_target());
    if (target.target.empty()) target.target = "/";
    return target;
}

WebhookClient::WebhookClient(WebhookTarget target, std::chrono::milliseconds timeout)
    : target_(std::move(target)), timeout_(timeout), resolver_(io_), stream_(io_) {}

PostOutcome WebhookClient::Post(std::string_view body, std::string_view signature) {
    const bool reused = connected_;
    PostOutcome outcome = PostOnce(body, signature);
    // A kept-alive connection may have been closed by the receiver just before we wrote: that is
    // no answer about this delivery, so try once more on a fresh connection.
    if (reused && outcome.status == 0 && !cancelled_) outcome = PostOnce(body, signature);
    return outcome;
}

void WebhookClient::Cancel() {
    cancelled_ = true;
    io_.stop();
}

void WebhookClient::Retarget(WebhookTarget target) {
    if (connected_) Close();
    target_ = std::move(target);
}

PostOutcome WebhookClient::PostOnce(std::string_view body, std::string_view signature) {
    io_.restart();
    // After restart: a Cancel before this line is seen here, one after it stops run() below.
    if (cancelled_) return {0, "cancelled"};
    if (connected_ && std::chrono::steady_clock::now() - last_used_ > kReuseIdleMax) Close();
    request_ = {http::verb::post, target_.target, 11};
    request_.set(http::field::host, target_.host + ":" + target_.port);
    request_.set(http::field::user_agent, "tixpay");
    request_.set(http::field::content_type, "application/json");
    request_.set("Tix-Signature", signature);
    request_.body() = std::string(body);
    request_.prepare_payload();
    request_.keep_alive(true);
    outcome_.reset();
    // One deadline for the whole attempt: connect, write and read.
    stream_.expires_after(timeout_);
    if (connected_) {
        StartWrite();
    } else {
        StartConnect();
    }
    io_.run();
    if (!outcome_) {  // stopped by Cancel
        Close();
        return {0, "cancelled"};
    }
    return *outcome_;
}

void WebhookClient::StartConnect() {
    resolver_.async_resolve(target_.host, target_.port,
                            [this](const boost::system::error_code& ec,
                                   const boost::asio::ip::tcp::resolver::results_type& results) {
                                if (ec) return Fail("resolve", ec);
                                stream_.async_connect(
                                    results, [this](const boost::system::error_code& connect_ec,
                                                    const boost::asio::ip::tcp::endpoint&) {
                                        if (connect_ec) return Fail("connect", connect_ec);
                                        connected_ = true;
                                        StartWrite();
                                    });
                            });
}

void WebhookClient::StartWrite() {
    http::async_write(stream_, request_, [this](const boost::system::error_code& ec, std::size_t) {
        if (ec) return Fail("write", ec);
        StartRead();
    });
}

void WebhookClient::StartRead() {
    parser_.emplace();
    parser_->body_limit(kResponseBodyMax);
    http::async_read(stream_, buffer_, *parser_,
                     [this](const boost::system::error_code& ec, std::size_t) {
                         if (ec) return Fail("read", ec);
                         const bool keep_alive = parser_->get().keep_alive();
                         outcome_ = PostOutcome{parser_->get().result_int(), {}};
                         last_used_ = std::chrono::steady_clock::now();
                         if (!keep_alive) Close();
                     });
}

void WebhookClient::Fail(std::string_view what, const boost::system::error_code& ec) {
    outcome_ = PostOutcome{0, std::string(what) + ": " + ec.message()};
    Close();
}

void WebhookClient::Close() {
    boost::system::error_code ignored;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.close();
    buffer_.clear();
    connected_ = false;
}

}  // namespace tix::tixpay
