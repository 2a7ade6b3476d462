// Session: one HTTP/1.1 connection of an HttpServer, from accept to close, or to a WebSocket
// upgrade, when it hands its socket to a WebSocketSession. Internal to server.cpp; handlers never
// see it, only the Responder it hands out.
//
// Each session owns its lifetime: pending operations and unanswered Responders hold a
// shared_ptr to it, and it closes its socket when the last one goes. All its state is touched
// only on its strand (the socket's executor: a strand, or an io_context run by one thread);
// Start, Close and the Responder post there and may be called from any thread.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/problem_catalog.h"
#include "http/router.h"
#include "http/server.h"

namespace tix::http {

// An open connection of the server, HTTP or WebSocket: counted against connections_max and
// closed by HttpServer::Stop.
class Connection {
  public:
    virtual ~Connection() = default;
    // Closes the socket now; pending operations end with an error. Any thread.
    virtual void Close() = 0;
};

// What the listener and all connections of one server share.
struct ServerShared {
    std::shared_ptr<const Router> router;
    ServerLimits limits;
    std::atomic<bool> stopped{false};
    std::mutex mutex;  // guards sessions; held for map updates only
    std::unordered_map<const Connection*, std::weak_ptr<Connection>> sessions;

    // Adds a connection to the registry; false (and not added) once Stop has begun, when the
    // caller closes it instead: Stop may already have taken its list of connections to close.
    bool Register(const std::shared_ptr<Connection>& connection);
    void Unregister(const Connection* connection);
};

class Session final : public Connection, public std::enable_shared_from_this<Session> {
  public:
    // `overloaded`: the server is over its connection limit; answer the first request with
    // 503 and close. REQUIRES: the socket's executor serializes handlers (a strand of its own,
    // or an io_context run by a single thread).
    Session(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerShared> shared,
            bool overloaded);
    ~Session();  // leaves the registry

    void Start();
    void Close() override;
    // Sends the answer to the request being handled. Called once per request by its Responder.
    void Deliver(Response response);
    // Hands the connection to a WebSocketSession for the upgrade request being handled. Called
    // at most once per request, instead of Deliver, by its UpgradeResponder; any thread.
    void Upgrade(Request request, WebSocketPlan plan);

  private:
    enum class Phase : std::uint8_t { kIdle, kReading, kHandling, kWriting, kLingering };

    void WaitForRequest();
    void OnFirstBytes(boost::system::error_code ec, std::size_t bytes);
    void ReadRequest();
    void OnHeader(boost::system::error_code ec);
    void ReadBody();
    void OnRequest(boost::system::error_code ec);
    void Handle(Request request);
    void HandleUpgrade(Request request);
    // Answers with the problem, then closes.
    void SendProblem(Problem problem, std::string_view detail = {});
    void Send(Response response, bool close_after);
    void OnWritten(boost::system::error_code ec, bool close_after);
    void Linger();
    void DrainInput();
    void CloseSocket();
    void ArmTimer(std::chrono::milliseconds timeout);
    void CancelTimer();
    void OnTimer(boost::system::error_code ec, std::uint64_t generation);

    boost::asio::ip::tcp::socket socket_;
    const boost::asio::any_io_executor strand_;  // the socket's; copied once, read from any thread
    const std::shared_ptr<ServerShared> shared_;
    const bool overloaded_;
    const std::string client_ip_;

    boost::beast::flat_buffer buffer_;
    std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
    std::optional<Response> response_;  // being written
    boost::asio::steady_timer timer_;
    std::uint64_t timer_generation_ = 0;  // tells a stale expiry from the current one
    bool timer_fired_ = false;
    Phase phase_ = Phase::kIdle;
    bool closed_ = false;
    unsigned request_version_ = 11;
    bool request_keep_alive_ = true;
    bool request_is_head_ = false;  // the answer goes without its body
    std::uint64_t drained_bytes_ = 0;
};

}  // namespace tix::http
