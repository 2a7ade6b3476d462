// ProviderHttpClient: the blocking HTTP/1.1 client a payment adapter calls its provider's API
// with. Plain http to one address (the provider runs beside tixd: tixpay on loopback), every call
// bounded by a deadline, keep-alive connections kept in a small pool so that many payment worker
// threads can call at once without a TCP handshake per call.
//
// A kept connection may have been closed by the server meanwhile; the call that finds out is
// retried once on a fresh connection when repeating it is harmless (a GET, or a POST that carries
// an Idempotency-Key), and fails otherwise. Nothing else is retried: a timeout or a refused
// connection is the caller's to handle, at the caller's pace.
//
// Threads: Send may be called from any number of threads at once; it blocks the calling thread
// (never call it on an IO thread). Errors are Status values; no exception leaves this class.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace tix::payments {

// Idle connections kept for reuse; beyond this, a connection is closed after its call.
inline constexpr std::size_t kIdleConnectionsMax = 16;
// A response's status line and headers, at most (tixpay's are a few hundred bytes).
inline constexpr std::uint32_t kResponseHeaderBytesMax = 16 * 1024;

// Where the provider is: "http://<IPv4 | [IPv6] | localhost>[:port][/]". Only plain http, and
// only an address literal (or localhost): a blocking name lookup would have no deadline.
struct ProviderEndpoint {
    std::string address;  // numeric, what is connected to
    std::uint16_t port = 0;
    std::string host;      // the Host header: "<host>:<port>" as written in the URL
    std::string base_url;  // "http://<host>:<port>", without a trailing slash
};
Result<ProviderEndpoint> ParseProviderUrl(std::string_view url);

enum class HttpMethod : std::uint8_t { kGet, kPost };

struct ProviderRequest {
    HttpMethod method = HttpMethod::kGet;
    std::string_view target;                       // path and query: "/v1/events?limit=100"
    std::string_view body;                         // JSON, sent with a POST
    std::string_view idempotency_key;              // sent as Idempotency-Key when not empty
    std::size_t response_bytes_max = 1024 * 1024;  // the response body, at most
};

struct ProviderResponse {
    unsigned status = 0;  // the HTTP status code
    std::string body;
};

struct ProviderHttpOptions {
    ProviderEndpoint endpoint;
    std::string api_key;                       // sent as "Authorization: Bearer <key>"
    std::chrono::milliseconds timeout{5'000};  // each Send, connect to last byte, retry included
    std::size_t idle_connections_max = kIdleConnectionsMax;
};

class ProviderHttpClient {
  public:
    // REQUIRES: options.endpoint came from ParseProviderUrl, the api key is printable ASCII and
    // the timeout is positive (TixpayConfig's validation checks all three).
    explicit ProviderHttpClient(ProviderHttpOptions options);
    // REQUIRES: no Send in progress.
    ~ProviderHttpClient();
    ProviderHttpClient(const ProviderHttpClient&) = delete;
    ProviderHttpClient& operator=(const ProviderHttpClient&) = delete;

    // Sends one request and reads its response, whatever its status. IoError when the provider
    // cannot be reached or does not answer in time ("payment provider unavailable: ..."),
    // Corruption when its answer is not HTTP or is larger than allowed, InvalidArgument when the
    // request itself cannot be sent (a header value with control characters).
    Result<ProviderResponse> Send(const ProviderRequest& request);

    // Connections opened so far, and idle in the pool now (metrics and tests).
    std::uint64_t connections_opened() const {
        return connections_opened_.load(std::memory_order_relaxed);
    }
    std::size_t idle_connections() const;

    const ProviderEndpoint& endpoint() const { return options_.endpoint; }

  private:
    struct Connection;
    struct Attempt;

    // A pooled connection (reused = true) or, when none is idle or `fresh` is set, a new one not
    // yet connected.
    std::unique_ptr<Connection> Acquire(bool fresh, bool& reused);
    // Keeps the connection for the next call, or closes it when the pool is full.
    void Release(std::unique_ptr<Connection> connection);
    Attempt Exchange(Connection& connection, const ProviderRequest& request,
                     std::chrono::steady_clock::time_point deadline);

    const ProviderHttpOptions options_;
    const std::string authorization_;  // "Bearer <key>"
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_; newest last
    std::atomic<std::uint64_t> connections_opened_{0};
};

}  // namespace tix::payments
