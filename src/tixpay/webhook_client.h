// WebhookClient: POSTs webhook deliveries to one http:// URL over a kept-alive connection, each
// attempt bounded by a timeout. Blocking, for the deliverer's own thread; Cancel() from any other
// thread makes a POST in progress return at once (shutdown never waits out a hung receiver).
//
// Threads: Post from one thread at a time; Cancel from any thread.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tix::tixpay {

// Where deliveries go, from --webhook-url.
struct WebhookTarget {
    std::string host;
    std::string port;    // "80" when the URL has none
    std::string target;  // path and query, "/" when empty
};

// Only http:// URLs with a host (the receiver is tixd, on the same machine or network).
Result<WebhookTarget> ParseWebhookUrl(std::string_view url);

// How one POST ended.
struct PostOutcome {
    unsigned status = 0;  // the HTTP status, 0 when there was no answer
    std::string error;    // why there was no answer
    bool delivered() const { return status >= 200 && status < 300; }
};

class WebhookClient {
  public:
    WebhookClient(WebhookTarget target, std::chrono::milliseconds timeout);

    // POSTs `body` as application/json with `Tix-Signature: <signature>`. A kept-alive connection
    // the receiver closed meanwhile is replaced once, within the same call.
    PostOutcome Post(std::string_view body, std::string_view signature);

    // Makes the Post in progress and every later one return at once, undelivered. Any thread.
    void Cancel();
    // Sends the next Post to `target` (a new connection). Not while a Post is in progress.
    void Retarget(WebhookTarget target);

  private:
    using Parser = boost::beast::http::response_parser<boost::beast::http::string_body>;

    PostOutcome PostOnce(std::string_view body, std::string_view signature);
    void StartConnect();
    void StartWrite();
    void StartRead();
    void Fail(std::string_view what, const boost::system::error_code& ec);
    void Close();

    WebhookTarget target_;
    std::chrono::milliseconds timeout_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::resolver resolver_;
    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    boost::beast::http::request<boost::beast::http::string_body> request_;
    std::optional<Parser> parser_;
    std::optional<PostOutcome> outcome_;  // set when the attempt in progress has ended
    bool connected_ = false;
    std::chrono::steady_clock::time_point last_used_{};
    std::atomic<bool> cancelled_{false};
};

}  // namespace tix::tixpay
