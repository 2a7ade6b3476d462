// TestWebSocket: a Beast WebSocket client for tests, connected to 127.0.0.1. Every call waits
// at most its timeout and then fails (nullopt, false, or a response with status 0) instead of
// hanging the test. Use from one thread. Defined in websocket_testing.cpp (tix_http_testing), so
// Beast's websocket code compiles once for every test that uses it.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/handler.h"

namespace tix::http::test_support {

inline constexpr std::chrono::milliseconds kWebSocketTimeout{10'000};

class TestWebSocket {
  public:
    explicit TestWebSocket(std::uint16_t port);
    ~TestWebSocket();
    TestWebSocket(const TestWebSocket&) = delete;
    TestWebSocket& operator=(const TestWebSocket&) = delete;

    // Upgrades GET `target`. The server's answer: 101 when the socket is open; otherwise its
    // refusal (status and problem+json body); status 0 when nothing came in time.
    Response Handshake(std::string_view target,
                       std::chrono::milliseconds timeout = kWebSocketTimeout);
    // The next text message; nullopt when the connection closed or failed (see error()) or
    // nothing came within `timeout`.
    std::optional<std::string> Read(std::chrono::milliseconds timeout = kWebSocketTimeout);
    bool Write(std::string_view text, std::chrono::milliseconds timeout = kWebSocketTimeout);
    // Reads until the server closes the connection; false if it is still open after `timeout`.
    bool WaitForClose(std::chrono::milliseconds timeout = kWebSocketTimeout);

    const boost::system::error_code& error() const { return ec_; }
    // The code of the server's close frame (1013 try again later...), 0 when none came.
    std::uint16_t close_code() const;

  private:
    // Runs the client's io_context until the operation started completes or `timeout`
    // passes; false on timeout (the connection is then unusable).
    bool RunFor(std::chrono::milliseconds timeout);

    struct Stream;
    boost::asio::io_context io_;
    std::unique_ptr<Stream> stream_;
    boost::beast::flat_buffer buffer_;
    boost::system::error_code ec_;
    bool done_ = false;
};

}  // namespace tix::http::test_support
