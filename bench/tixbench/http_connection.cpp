#include "http_connection.h"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <cassert>
#include <charconv>

namespace tix::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

// Enough for any answer's header; bodies go to the connection's string, not this buffer.
constexpr std::size_t kReadBufferBytesMax = 64 * 1024;

void AppendNumber(std::string& out, std::size_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

}  // namespace

HttpConnection::HttpConnection(asio::io_context& io, asio::ip::tcp::endpoint server,
                               std::chrono::milliseconds timeout, Listener& listener,
                               asio::ip::address local)
    : stream_(io),
      server_(server),
      local_(local),
      timeout_(timeout),
      listener_(listener),
      host_header_(server.address().to_string() + ":" + std::to_string(server.port())),
      buffer_(kReadBufferBytesMax) {
    request_.reserve(1024);
}

beast::error_code HttpConnection::OpenBound() {
    beast::error_code error;
    if (local_.is_unspecified()) return error;
    asio::ip::tcp::socket& socket = stream_.socket();
    socket.open(server_.protocol(), error);
    if (!error) socket.bind(asio::ip::tcp::endpoint(local_, 0), error);
    return error;
}

void HttpConnection::Connect(std::function<void(beast::error_code)> done) {
    if (const beast::error_code error = OpenBound()) {
        Close();
        return done(error);
    }
    stream_.expires_after(timeout_);
    stream_.async_connect(server_, [this, done = std::move(done)](beast::error_code error) {
        if (!error) {
            stream_.socket().set_option(asio::ip::tcp::no_delay(true), error);
            open_ = !error;
        }
        if (error) Close();
        done(error);
    });
}

void HttpConnection::Send(std::string_view method, std::string_view target, std::string_view bearer,
                          std::string_view body, std::string_view headers) {
    assert(!in_flight_);
    in_flight_ = true;
    request_.clear();
    request_.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: ");
    request_.append(host_header_).append("\r\n");
    if (!bearer.empty()) request_.append("Authorization: Bearer ").append(bearer).append("\r\n");
    request_.append(headers);
    if (!body.empty()) request_.append("Content-Type: application/json\r\n");
    if (!body.empty() || method == "POST") {
        request_.append("Content-Length: ");
        AppendNumber(request_, body.size());
        request_.append("\r\n");
    }
    request_.append("\r\n").append(body);

    stream_.expires_after(timeout_);  // one deadline for connect + write + read
    retried_ = false;
    reused_ = open_;
    if (open_) {
        Write();
        return;
    }
    ConnectAndWrite();
}

void HttpConnection::ConnectAndWrite() {
    if (const beast::error_code error = OpenBound()) {
        // Answered from the io_context, never from inside Send: the listener may Send again.
        asio::post(stream_.get_executor(), [this, error] { Fail(error); });
        return;
    }
    stream_.async_connect(server_, [this](beast::error_code error) {
        if (!error) stream_.socket().set_option(asio::ip::tcp::no_delay(true), error);
        if (error) return Fail(error);
        open_ = true;
        Write();
    });
}

void HttpConnection::Write() {
    asio::async_write(stream_, asio::buffer(request_),
                      [this](beast::error_code error, std::size_t) { OnWritten(error); });
}

void HttpConnection::OnWritten(beast::error_code error) {
    if (error) return FailOrRetry(error);
    parser_.emplace(body_);
    beast::http::async_read(stream_, buffer_, *parser_,
                            [this](beast::error_code e, std::size_t) { OnRead(e); });
}

void HttpConnection::OnRead(beast::error_code error) {
    if (error) return FailOrRetry(error);
    const bool keep_alive = parser_->keep_alive();
    HttpAnswer answer{
        .status = parser_->status(), .body = body_, .retry_after = parser_->retry_after()};
    parser_.reset();
    if (!keep_alive) Close();
    in_flight_ = false;
    listener_.OnAnswer(answer);  // may Send the next request
}

void HttpConnection::FailOrRetry(beast::error_code error) {
    // The server closes keep-alive connections idle for long (30 s in tixd); the first request
    // sent on one it closed meets the close before any answer, never having been handled. Like a
    // browser, send it again once on a new connection.
    const bool closed_before_answer = error == beast::http::error::end_of_stream ||
                                      error == asio::error::connection_reset ||
                                      error == asio::error::broken_pipe;
    if (reused_ && !retried_ && closed_before_answer) {
        retried_ = true;
        Close();
        return ConnectAndWrite();
    }
    Fail(error);
}

void HttpConnection::Fail(beast::error_code error) {
    Close();
    in_flight_ = false;
    listener_.OnAnswer(HttpAnswer{.error = error});
}

void HttpConnection::Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.close();
    open_ = false;
    parser_.reset();
    buffer_.clear();
}

}  // namespace tix::bench
