// HttpServer: the HTTP/1.1 front door. Accepts connections on one endpoint and hands each
// complete request to a Router; enforces the limits at the edge (sizes, timeouts, connection
// count) and answers every violation with a problem+json response. An upgrade request on a
// WebSocket route (Router::AddWebSocket) becomes a WebSocket on the same port, still counted as
// a connection and closed by Stop.
//
// Threading: a single io_context may be run on any number of threads; several io_contexts are
// run by one thread each. Each connection is a session serialized by its own strand (or by its
// one-thread context); the only state shared between connections is the
// connection registry, whose mutex is held for map updates only, never across IO. Given several
// io_contexts (one per thread: tixd's layout), connections are dealt round-robin, so threads do
// not contend on one scheduler queue and timer heap.
// Construct, Start() and destroy the server on one thread; Stop() may be called from any thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/limits.h"
#include "common/status.h"
#include "http/router.h"

namespace tix::http {

using limits::kBodyBytesMax;
using limits::kHeaderBytesMax;
using limits::kIdleTimeout;
using limits::kReadTimeout;
inline constexpr std::chrono::milliseconds kWriteTimeout{10'000};
inline constexpr std::chrono::milliseconds kLingerTimeout{1'000};
// A WebSocket that has received nothing for half this long is pinged (a control frame, which
// browsers answer by themselves); one still silent at the end is closed. Also what keeps NAT
// and proxy mappings of a quiet socket alive.
inline constexpr std::chrono::milliseconds kWebSocketIdleTimeout{60'000};
using limits::kConnectionsMax;
// Connections beyond kConnectionsMax still get a 503; past this many more they are dropped.
inline constexpr std::size_t kRejectingConnectionsMax = 256;

struct ServerLimits {
    std::uint32_t header_bytes_max = kHeaderBytesMax;  // request line + headers; over: 431
    std::uint64_t body_bytes_max = kBodyBytesMax;      // over: 413, then close
    // From the first byte of a request to its last; over: 408, then close.
    std::chrono::milliseconds read_timeout = kReadTimeout;
    // Between requests on a keep-alive connection; over: close without a response.
    std::chrono::milliseconds idle_timeout = kIdleTimeout;
    std::chrono::milliseconds write_timeout = kWriteTimeout;  // over: close
    // After an error response, unread input is drained this long so the client sees the
    // response instead of a TCP reset.
    std::chrono::milliseconds linger_timeout = kLingerTimeout;
    std::size_t connections_max = kConnectionsMax;  // over: 503 overloaded, then close
    std::chrono::milliseconds websocket_idle_timeout = kWebSocketIdleTimeout;
};

class HttpServer {
  public:
    // REQUIRES: router is fully built; io outlives the server.
    HttpServer(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint endpoint,
               std::shared_ptr<const Router> router, ServerLimits limits = {});
    // Accepts on the first context; sessions live on all of them in turn.
    // REQUIRES: contexts is not empty; each context is run by exactly one thread (so sessions
    // need no strand) and outlives the server.
    HttpServer(std::vector<boost::asio::io_context*> contexts,
               boost::asio::ip::tcp::endpoint endpoint, std::shared_ptr<const Router> router,
               ServerLimits limits = {});
    // Stops the server (see Stop). Sessions still queued in the io_context end when it runs or
    // is destroyed.
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and listens (port 0 picks a free port) and starts accepting once the io_context
    // runs. Returns the bound port, or IoError (e.g. address in use). REQUIRES: called once.
    Result<std::uint16_t> Start();

    // Stops accepting and closes every connection, including those whose handler has not
    // answered yet (their answer is dropped). Idempotent; any thread.
    void Stop();

    // Open connections right now (for metrics and tests).
    std::size_t connection_count() const;

  private:
    HttpServer(std::vector<boost::asio::io_context*> contexts, bool one_thread_per_context,
               boost::asio::ip::tcp::endpoint endpoint, std::shared_ptr<const Router> router,
               ServerLimits limits);

    struct Listener;
    std::shared_ptr<Listener> listener_;
};

}  // namespace tix::http
