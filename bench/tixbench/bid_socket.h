// BidSocket: one bidder's WebSocket to tixd (GET /ws/{campaign_id}?token=..., Boost.Beast client
// over Asio), opened once and then only read: every text frame goes to SocketEvents with the time
// it arrived. Beast answers the server's pings by itself. Runs on its io_context's thread only;
// thousands share one thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace tix::bench {

class SocketEvents {
  public:
    // The upgrade finished (`error` empty) or failed.
    virtual void OnOpened(std::uint32_t bidder, boost::beast::error_code error) = 0;
    // A text frame, valid during the call; `received_ms`: unix milliseconds, this machine's clock.
    virtual void OnFrame(std::uint32_t bidder, std::string_view text, double received_ms) = 0;
    // The socket closed or failed after it was open.
    virtual void OnClosed(std::uint32_t bidder, boost::beast::error_code error) = 0;

  protected:
    ~SocketEvents() = default;
};

class BidSocket {
  public:
    BidSocket(boost::asio::io_context& io, SocketEvents& events, std::uint32_t bidder);

    // Connects to `server` and upgrades `target` (e.g. "/ws/7?token=..."); then reads until the
    // socket closes or Close.
    void Open(boost::asio::ip::tcp::endpoint server, std::string target);
    void Close();

  private:
    void Read();

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    SocketEvents& events_;
    std::uint32_t bidder_;
    std::string target_;
    bool open_ = false;
};

}  // namespace tix::bench
