#include "http/session.h"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <exception>
#include <utility>

#include "http/problem_catalog.h"
#include "http/websocket_session.h"

namespace tix::http {
namespace {

namespace asio = boost::asio;
namespace websocket = boost::beast::websocket;
using boost::system::error_code;

constexpr std::size_t kReadChunkBytes = 4 * 1024;
// Lingering close gives up after this much unread input (or linger_timeout, whichever first).
constexpr std::uint64_t kLingerBytesMax = 1024 * 1024;

std::string RemoteAddress(const asio::ip::tcp::socket& socket) {
    error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    return ec ? std::string() : endpoint.address().to_string();
}

// Why a request's body framing is refused, or "" when it is unambiguous. RFC 9112 §6 frames a
// body by Content-Length or by a final "chunked" coding; a request that leaves its end open to
// interpretation (another coding, both headers, Transfer-Encoding in HTTP/1.0) is how requests
// are smuggled: a proxy in front of tixd and tixd would disagree on where the next request
// starts. tixd decodes no other coding, so it accepts exactly "chunked" and nothing else.
std::string_view FramingProblem(const beast_http::request_header<>& header) {
    const std::size_t codings = header.count(beast_http::field::transfer_encoding);
    if (codings == 0) return {};
    if (codings > 1) return "more than one Transfer-Encoding header";
    if (header.count(beast_http::field::content_length) != 0) {
        return "both Content-Length and Transfer-Encoding";
    }
    if (header.version() < 11) return "Transfer-Encoding in an HTTP/1.0 request";
    if (!boost::beast::iequals(header[beast_http::field::transfer_encoding], "chunked")) {
        return "Transfer-Encoding other than chunked";
    }
    return {};
}

bool IsHttpParseError(const error_code& ec) {
    return ec.category() == beast_http::make_error_code(beast_http::error::bad_target).category();
}

// One request and its single answer: a response, or for an upgrade request the plan of a
// WebSocket. Every copy of the Responder shares it; it keeps the RequestContext alive for the
// handler, and answers 500 if the handler drops the Responder without calling it.
class Exchange {
  public:
    explicit Exchange(std::shared_ptr<Session> session) : session_(std::move(session)) {}
    ~Exchange() {
        if (answered_.load(std::memory_order_acquire)) return;
        spdlog::error("http: handler for {} dropped its responder without answering",
                      std::string_view(context.request.target()));
        session_->Deliver(ProblemResponse(Problem::kInternal, "the request was not answered"));
    }
    Exchange(const Exchange&) = delete;
    Exchange& operator=(const Exchange&) = delete;

    void Answer(Response response) {
        if (FirstAnswer()) session_->Deliver(std::move(response));
    }
    void Answer(WebSocketPlan plan) {
        // The handler is done with the request once it answers: the WebSocket takes it over.
        if (FirstAnswer()) session_->Upgrade(std::move(context.request), std::move(plan));
    }

    RequestContext context;

  private:
    // A second answer is ignored.
    bool FirstAnswer() { return !answered_.exchange(true, std::memory_order_acq_rel); }

    const std::shared_ptr<Session> session_;
    std::atomic<bool> answered_{false};
};

}  // namespace

Session::Session(asio::ip::tcp::socket socket, std::shared_ptr<ServerShared> shared,
                 bool overloaded)
    : socket_(std::move(socket)),
      strand_(socket_.get_executor()),
      shared_(std::move(shared)),
      overloaded_(overloaded),
      client_ip_(RemoteAddress(socket_)),
      timer_(strand_) {
    error_code ignored;
    socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
}

bool ServerShared::Register(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(mutex);
    if (stopped.load(std::memory_order_acquire)) return false;
    sessions.emplace(connection.get(), connection);
    return true;
}

void ServerShared::Unregister(const Connection* connection) {
    std::lock_guard lock(mutex);
    sessions.erase(connection);
}

Session::~Session() { shared_->Unregister(this); }

void Session::Start() {
    asio::dispatch(strand_, [self = shared_from_this()] { self->WaitForRequest(); });
}

void Session::Close() {
    asio::post(strand_, [self = shared_from_this()] { self->CloseSocket(); });
}

void Session::Deliver(Response response) {
    // After Stop the io_context may be shutting down: nobody would read the answer anyway.
    if (shared_->stopped.load(std::memory_order_acquire)) return;
    asio::post(strand_, [self = shared_from_this(), response = std::move(response)]() mutable {
        if (self->phase_ == Phase::kHandling) self->Send(std::move(response), false);
    });
}

void Session::Upgrade(Request request, WebSocketPlan plan) {
    if (shared_->stopped.load(std::memory_order_acquire)) return;
    asio::post(strand_, [self = shared_from_this(), request = std::move(request),
                         plan = std::move(plan)]() mutable {
        if (self->closed_ || self->phase_ != Phase::kHandling) return;
        self->closed_ = true;  // the socket is the WebSocketSession's from here on
        self->CancelTimer();
        StartWebSocketSession(std::move(self->socket_), std::move(request), std::move(plan),
                              self->shared_);
    });
}

// Idle phase: a keep-alive connection waiting for the first byte of its next request.
void Session::WaitForRequest() {
    if (closed_) return;
    phase_ = Phase::kIdle;
    if (buffer_.size() > 0) {  // the client already sent (part of) the next request
        ReadRequest();
        return;
    }
    ArmTimer(shared_->limits.idle_timeout);
    socket_.async_read_some(buffer_.prepare(kReadChunkBytes),
                            [self = shared_from_this()](error_code ec, std::size_t bytes) {
                                self->OnFirstBytes(ec, bytes);
                            });
}

void Session::OnFirstBytes(error_code ec, std::size_t bytes) {
    if (closed_) return;
    CancelTimer();
    if (ec) {  // closed by the client, reset, or the idle timeout
        CloseSocket();
        return;
    }
    buffer_.commit(bytes);
    ReadRequest();
}

void Session::ReadRequest() {
    phase_ = Phase::kReading;
    request_is_head_ = false;
    parser_.emplace();
    parser_->header_limit(shared_->limits.header_bytes_max);
    parser_->body_limit(shared_->limits.body_bytes_max);
    ArmTimer(shared_->limits.read_timeout);  // covers header, "100 Continue" and body
    beast_http::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](error_code ec, std::size_t) { self->OnHeader(ec); });
}

// The header is in (and within limits, including a declared Content-Length). A client that sent
// "Expect: 100-continue" waits for our go-ahead before sending the body (curl does this for
// bodies over 1 KiB), so give it.
void Session::OnHeader(error_code ec) {
    if (closed_) return;
    if (!ec) {
        if (const std::string_view problem = FramingProblem(parser_->get()); !problem.empty()) {
            // The body's end is unknown, so nothing after this header can be trusted: close.
            CancelTimer();
            request_keep_alive_ = false;
            spdlog::debug("http: {}: refused framing: {}", client_ip_, problem);
            SendProblem(Problem::kBadRequest, problem);
            return;
        }
    }
    if (ec || parser_->is_done()) {
        OnRequest(ec);
        return;
    }
    const auto& header = parser_->get();
    if (header.version() < 11 ||
        !beast_http::token_list(header[beast_http::field::expect]).exists("100-continue")) {
        ReadBody();
        return;
    }
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = shared_from_this()](error_code write_ec, std::size_t) {
                          if (self->closed_) return;
                          if (write_ec) {
                              self->OnRequest(write_ec);
                          } else {
                              self->ReadBody();
                          }
                      });
}

void Session::ReadBody() {
    beast_http::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](error_code ec, std::size_t) { self->OnRequest(ec); });
}

void Session::OnRequest(error_code ec) {
    if (closed_) return;
    const bool timed_out = timer_fired_;
    CancelTimer();
    if (!ec) {
        Handle(parser_->release());
        return;
    }
    request_keep_alive_ = false;
    // Per-connection trouble is the client's, not the server's: debug level only.
    spdlog::debug("http: {}: request failed: {}{}", client_ip_, ec.message(),
                  timed_out ? " (timed out)" : "");
    if (timed_out) {
        SendProblem(Problem::kRequestTimeout);
    } else if (ec == beast_http::error::body_limit) {
        SendProblem(Problem::kPayloadTooLarge);
    } else if (ec == beast_http::error::header_limit) {
        SendProblem(Problem::kHeaderTooLarge);
    } else if (ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message ||
               !IsHttpParseError(ec)) {
        CloseSocket();  // the client went away mid-request: nobody to answer
    } else {
        SendProblem(Problem::kBadRequest);
    }
}

void Session::Handle(Request request) {
    phase_ = Phase::kHandling;
    request_version_ = request.version();
    request_keep_alive_ = request.keep_alive();
    request_is_head_ = request.method() == beast_http::verb::head;
    if (overloaded_) {
        request_keep_alive_ = false;
        SendProblem(Problem::kOverloaded, "too many open connections");
        return;
    }
    if (websocket::is_upgrade(request) && shared_->router->has_websocket_routes()) {
        HandleUpgrade(std::move(request));
        return;
    }
    auto exchange = std::make_shared<Exchange>(shared_from_this());
    exchange->context.request = std::move(request);
    exchange->context.client_ip = client_ip_;
    const Responder respond(
        [exchange](Response response) { exchange->Answer(std::move(response)); });
    try {
        shared_->router->Dispatch(exchange->context, respond);
    } catch (const std::exception& e) {  // the router catches handler errors; this is a backstop
        spdlog::error("http: dispatch threw: {}", e.what());
        respond(ProblemResponse(Problem::kInternal));
    }
}

// Authorized by the router, then the route's handler accepts (Upgrade) or refuses; either way
// this request is the connection's last as HTTP.
void Session::HandleUpgrade(Request request) {
    request_keep_alive_ = false;
    auto exchange = std::make_shared<Exchange>(shared_from_this());
    exchange->context.request = std::move(request);
    exchange->context.client_ip = client_ip_;
    const UpgradeResponder respond(
        [exchange](WebSocketPlan plan) { exchange->Answer(std::move(plan)); },
        [exchange](Response response) { exchange->Answer(std::move(response)); });
    try {
        shared_->router->DispatchUpgrade(exchange->context, respond);
    } catch (const std::exception& e) {  // the router catches handler errors; this is a backstop
        spdlog::error("http: upgrade dispatch threw: {}", e.what());
        respond.Refuse(ProblemResponse(Problem::kInternal));
    }
}

void Session::SendProblem(Problem problem, std::string_view detail) {
    phase_ = Phase::kHandling;
    Send(ProblemResponse(problem, detail), true);
}

void Session::Send(Response response, bool close_after) {
    if (closed_) return;
    phase_ = Phase::kWriting;
    // A handler may ask to close; a client may too (request_keep_alive_ covers HTTP/1.0).
    close_after = close_after || !request_keep_alive_ ||
                  beast_http::token_list(response[beast_http::field::connection]).exists("close");
    response.version(request_version_);
    response.set(beast_http::field::server, "tixd");
    response.keep_alive(!close_after);
    response.prepare_payload();
    // Beast writes "Content-Length: 0" on a 204 or 304 too, which RFC 9110 8.6 forbids (a 304's
    // would have to be the 200's length, and caches may take it as such).
    if (response.result() == beast_http::status::no_content ||
        response.result() == beast_http::status::not_modified) {
        response.erase(beast_http::field::content_length);
    }
    // A HEAD is answered with the header a GET would get, Content-Length included, and no body
    // (RFC 9110 9.3.2): handlers answer both alike.
    if (request_is_head_) response.body().clear();
    response_ = std::move(response);
    ArmTimer(shared_->limits.write_timeout);
    beast_http::async_write(socket_, *response_,
                            [self = shared_from_this(), close_after](error_code ec, std::size_t) {
                                self->OnWritten(ec, close_after);
                            });
}

void Session::OnWritten(error_code ec, bool close_after) {
    if (closed_) return;
    CancelTimer();
    response_.reset();
    if (ec) {
        CloseSocket();
    } else if (close_after) {
        Linger();
    } else {
        WaitForRequest();
    }
}

// Closing with unread input makes the kernel send a reset, which can destroy the response
// before the client reads it; so stop sending, then discard input for a while.
void Session::Linger() {
    phase_ = Phase::kLingering;
    error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    drained_bytes_ = 0;
    ArmTimer(shared_->limits.linger_timeout);
    DrainInput();
}

void Session::DrainInput() {
    buffer_.clear();
    socket_.async_read_some(buffer_.prepare(kReadChunkBytes),
                            [self = shared_from_this()](error_code ec, std::size_t bytes) {
                                if (self->closed_) return;
                                self->drained_bytes_ += bytes;
                                if (ec || self->drained_bytes_ > kLingerBytesMax) {
                                    self->CloseSocket();
                                } else {
                                    self->DrainInput();
                                }
                            });
}

void Session::CloseSocket() {
    if (closed_) return;
    closed_ = true;
    CancelTimer();
    error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
}

void Session::ArmTimer(std::chrono::milliseconds timeout) {
    timer_fired_ = false;
    const std::uint64_t generation = ++timer_generation_;
    timer_.expires_after(timeout);
    timer_.async_wait(
        [self = shared_from_this(), generation](error_code ec) { self->OnTimer(ec, generation); });
}

void Session::CancelTimer() {
    ++timer_generation_;  // an expiry already queued is now stale
    timer_.cancel();
}

void Session::OnTimer(error_code ec, std::uint64_t generation) {
    if (ec || generation != timer_generation_ || closed_) return;
    timer_fired_ = true;
    if (phase_ == Phase::kReading) {
        error_code ignored;
        socket_.cancel(ignored);  // OnRequest sees timer_fired_ and answers 408
    } else {
        CloseSocket();  // idle, writing or lingering: nothing more to say
    }
}

}  // namespace tix::http
