#include "bid_socket.h"

#include <boost/beast/websocket.hpp>
#include <chrono>

namespace tix::bench {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

// A connect and upgrade that takes longer has met a server that is not answering.
constexpr std::chrono::seconds kOpenTimeout{30};

double NowMs() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration<double, std::milli>(now).count();
}

}  // namespace

BidSocket::BidSocket(boost::asio::io_context& io, SocketEvents& events, std::uint32_t bidder)
    : ws_(io), events_(events), bidder_(bidder) {}

void BidSocket::Open(boost::asio::ip::tcp::endpoint server, std::string target) {
    target_ = std::move(target);
    beast::get_lowest_layer(ws_).expires_after(kOpenTimeout);
    beast::get_lowest_layer(ws_).async_connect(server, [this, server](beast::error_code error) {
        if (error) return events_.OnOpened(bidder_, error);
        beast::get_lowest_layer(ws_).socket().set_option(boost::asio::ip::tcp::no_delay(true));
        const std::string host = server.address().to_string() + ":" + std::to_string(server.port());
        ws_.async_handshake(host, target_, [this](beast::error_code error) {
            // The client's suggested timeouts: none while idle, the server pings.
            beast::get_lowest_layer(ws_).expires_never();
            ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
            open_ = !error;
            events_.OnOpened(bidder_, error);
            if (open_) Read();
        });
    });
}

void BidSocket::Read() {
    ws_.async_read(buffer_, [this](beast::error_code error, std::size_t) {
        if (error) {
            if (open_) events_.OnClosed(bidder_, error);
            open_ = false;
            return;
        }
        const auto data = buffer_.cdata();
        events_.OnFrame(
            bidder_, std::string_view(static_cast<const char*>(data.data()), data.size()), NowMs());
        buffer_.consume(buffer_.size());
        Read();
    });
}

void BidSocket::Close() {
    open_ = false;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
}

}  // namespace tix::bench
