#include "http/websocket_session.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <utility>
#include <vector>

#include "push/outbound_queue.h"

namespace tix::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

// Clients send pings and little else: a bigger message is refused (Beast closes with 1009).
constexpr std::size_t kMessageBytesMax = 4 * 1024;
constexpr std::chrono::seconds kHandshakeTimeout{10};
// A close handshake the peer does not finish (or a last write it never reads) ends this long
// after it began, with the TCP connection closed under it.
constexpr std::chrono::seconds kCloseTimeout{5};

const push::Frame& PongFrame() {
    static const push::Frame pong = push::MakeFrame("pong", {});
    return pong;
}

bool IsPing(std::string_view text) {
    error_code ec;
    const boost::json::value message = boost::json::parse(text, ec);
    if (ec || !message.is_object()) return false;
    const boost::json::value* event = message.as_object().if_contains("event");
    return event != nullptr && event->is_string() && event->as_string() == "ping";
}

class WebSocketSession final : public Connection,
                               public push::Subscriber,
                               public std::enable_shared_from_this<WebSocketSession> {
  public:
    WebSocketSession(asio::ip::tcp::socket socket, std::shared_ptr<ServerShared> shared)
        : ws_(std::move(socket)), executor_(ws_.get_executor()), shared_(std::move(shared)) {}
    ~WebSocketSession() override { shared_->Unregister(this); }

    void Start(Request request, WebSocketPlan plan);
    void Close() override;
    void Offer(push::Slot slot, push::Frame frame) override;
    void OfferPersonal(push::Frame frame) override;

  private:
    void OnAccepted(error_code ec, WebSocketPlan plan);
    void Read();
    void OnRead(error_code ec);
    void WriteNext();
    void OnWritten(error_code ec);
    void CloseWith(websocket::close_code code);
    void SendClose();
    void Shutdown();

    websocket::stream<asio::ip::tcp::socket> ws_;
    const asio::any_io_executor executor_;  // the socket's; copied once, read from any thread
    const std::shared_ptr<ServerShared> shared_;
    // Everything below on the executor only.
    std::vector<push::Subscription> subscriptions_;
    beast::flat_buffer read_buffer_;
    push::OutboundQueue queue_;
    push::Frame writing_;  // in flight: kept alive until written
    // Made only when closing: an idle socket does not pay for a second timer.
    std::unique_ptr<asio::steady_timer> close_timer_;
    websocket::close_code close_code_ = websocket::close_code::normal;
    bool accepted_ = false;
    bool closing_ = false;     // nothing more is queued or written but the close frame
    bool close_sent_ = false;  // the close frame is on its way
    bool closed_ = false;      // the TCP connection is closed
};

void WebSocketSession::Start(Request request, WebSocketPlan plan) {
    ws_.set_option(websocket::stream_base::timeout{
        .handshake_timeout = kHandshakeTimeout,
        .idle_timeout = shared_->limits.websocket_idle_timeout,
        .keep_alive_pings = true,
    });
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
        response.set(beast_http::field::server, "tixd");
    }));
    ws_.read_message_max(kMessageBytesMax);
    ws_.async_accept(request,
                     [self = shared_from_this(), plan = std::move(plan)](error_code ec) mutable {
                         self->OnAccepted(ec, std::move(plan));
                     });
}

void WebSocketSession::OnAccepted(error_code ec, WebSocketPlan plan) {
    if (closed_) return;
    if (ec) {
        spdlog::debug("ws: handshake failed: {}", ec.message());
        Shutdown();
        return;
    }
    accepted_ = true;
    for (auto& [slot, frame] : plan.initial) queue_.PushLatest(slot, std::move(frame));
    // After the initial frames: a retained frame the hub offers now is newer, and replaces them.
    auto self = shared_from_this();
    for (push::Topic& topic : plan.topics) {
        subscriptions_.push_back(plan.hub->Subscribe(std::move(topic), plan.user, self));
    }
    WriteNext();
    Read();
}

void WebSocketSession::Close() {
    asio::post(executor_, [self = shared_from_this()] { self->Shutdown(); });
}

void WebSocketSession::Offer(push::Slot slot, push::Frame frame) {
    asio::post(executor_, [self = shared_from_this(), slot, frame = std::move(frame)]() mutable {
        if (self->closing_) return;
        self->queue_.PushLatest(slot, std::move(frame));
        self->WriteNext();
    });
}

void WebSocketSession::OfferPersonal(push::Frame frame) {
    asio::post(executor_, [self = shared_from_this(), frame = std::move(frame)]() mutable {
        if (self->closing_) return;
        if (!self->queue_.PushPersonal(std::move(frame))) {
            // Reading this slowly, it would only fall further behind: come back later.
            spdlog::debug("ws: personal queue full, closing");
            self->CloseWith(websocket::close_code::try_again_later);
            return;
        }
        self->WriteNext();
    });
}

void WebSocketSession::Read() {
    ws_.async_read(read_buffer_,
                   [self = shared_from_this()](error_code ec, std::size_t) { self->OnRead(ec); });
}

void WebSocketSession::OnRead(error_code ec) {
    if (closed_) return;
    if (ec) {  // the peer closed (Beast answered its close frame), a timeout, or a reset
        Shutdown();
        return;
    }
    if (ws_.got_text() && !closing_) {
        const auto data = read_buffer_.cdata();
        if (IsPing({static_cast<const char*>(data.data()), data.size()})) {
            queue_.PushLatest(push::Slot::kPong, PongFrame());
            WriteNext();
        }
    }
    // Other messages are ignored: nothing a client says changes what it is sent (yet).
    read_buffer_.consume(read_buffer_.size());
    read_buffer_.shrink_to_fit();  // a quiet socket keeps no read buffer
    Read();
}

void WebSocketSession::WriteNext() {
    if (writing_ != nullptr || close_sent_ || closed_ || !accepted_) return;
    if (closing_) {
        SendClose();
        return;
    }
    writing_ = queue_.Pop();
    if (writing_ == nullptr) return;
    ws_.text(true);
    ws_.async_write(
        asio::buffer(*writing_),
        [self = shared_from_this()](error_code ec, std::size_t) { self->OnWritten(ec); });
}

void WebSocketSession::OnWritten(error_code ec) {
    writing_.reset();
    if (closed_) return;
    if (ec) {
        Shutdown();
        return;
    }
    WriteNext();
}

// Stops publishing to this socket at once, then says goodbye with `code` after the frame in
// flight (a WebSocket writes one message at a time); kCloseTimeout bounds the wait.
void WebSocketSession::CloseWith(websocket::close_code code) {
    if (closing_ || closed_) return;
    closing_ = true;
    close_code_ = code;
    subscriptions_.clear();
    close_timer_ = std::make_unique<asio::steady_timer>(executor_, kCloseTimeout);
    close_timer_->async_wait([self = shared_from_this()](error_code ec) {
        if (!ec) self->Shutdown();
    });
    WriteNext();
}

void WebSocketSession::SendClose() {
    close_sent_ = true;
    ws_.async_close(close_code_, [self = shared_from_this()](error_code) {
        // Beast has closed the TCP connection, or the close timer will.
        self->Shutdown();
    });
}

void WebSocketSession::Shutdown() {
    if (closed_) return;
    closed_ = true;
    closing_ = true;
    subscriptions_.clear();
    if (close_timer_) close_timer_->cancel();
    error_code ignored;
    beast::get_lowest_layer(ws_).shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).close(ignored);
}

}  // namespace

void StartWebSocketSession(asio::ip::tcp::socket socket, Request request, WebSocketPlan plan,
                           std::shared_ptr<ServerShared> shared) {
    auto session = std::make_shared<WebSocketSession>(std::move(socket), shared);
    if (!shared->Register(session)) return;  // the server is stopping: the socket closes here
    session->Start(std::move(request), std::move(plan));
}

}  // namespace tix::http
