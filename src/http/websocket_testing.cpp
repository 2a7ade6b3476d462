#include "http/websocket_testing.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>

namespace tix::http::test_support {

namespace websocket = boost::beast::websocket;

struct TestWebSocket::Stream {
    explicit Stream(boost::asio::io_context& io) : ws(io) {}
    websocket::stream<boost::asio::ip::tcp::socket> ws;
};

TestWebSocket::TestWebSocket(std::uint16_t port) : stream_(std::make_unique<Stream>(io_)) {
    boost::beast::get_lowest_layer(stream_->ws)
        .connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec_);
}

TestWebSocket::~TestWebSocket() = default;

bool TestWebSocket::RunFor(std::chrono::milliseconds timeout) {
    io_.restart();
    io_.run_for(timeout);
    if (done_) return true;
    ec_ = boost::asio::error::timed_out;
    boost::system::error_code ignored;
    boost::beast::get_lowest_layer(stream_->ws).close(ignored);
    io_.restart();
    io_.run();  // lets the aborted operation finish
    return false;
}

Response TestWebSocket::Handshake(std::string_view target, std::chrono::milliseconds timeout) {
    if (ec_) return Response(beast_http::status::unknown, 11);
    websocket::response_type response;
    done_ = false;
    stream_->ws.async_handshake(response, "127.0.0.1", target,
                                [this](boost::system::error_code ec) {
                                    ec_ = ec;
                                    done_ = true;
                                });
    if (!RunFor(timeout)) return Response(beast_http::status::unknown, 11);
    return response;
}

std::optional<std::string> TestWebSocket::Read(std::chrono::milliseconds timeout) {
    if (ec_) return std::nullopt;
    done_ = false;
    buffer_.clear();
    stream_->ws.async_read(buffer_, [this](boost::system::error_code ec, std::size_t) {
        ec_ = ec;
        done_ = true;
    });
    if (!RunFor(timeout) || ec_) return std::nullopt;
    return boost::beast::buffers_to_string(buffer_.cdata());
}

bool TestWebSocket::Write(std::string_view text, std::chrono::milliseconds timeout) {
    if (ec_) return false;
    done_ = false;
    stream_->ws.text(true);
    stream_->ws.async_write(boost::asio::buffer(text.data(), text.size()),
                            [this](boost::system::error_code ec, std::size_t) {
                                ec_ = ec;
                                done_ = true;
                            });
    return RunFor(timeout) && !ec_;
}

bool TestWebSocket::WaitForClose(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (Read(std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now()))) {
    }
    return ec_ && ec_ != boost::asio::error::timed_out;
}

std::uint16_t TestWebSocket::close_code() const {
    return static_cast<std::uint16_t>(stream_->ws.reason().code);
}

}  // namespace tix::http::test_support
