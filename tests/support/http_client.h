// HttpClient: a small synchronous HTTP/1.1 keep-alive client for black-box tests, on Boost.Beast,
// that only ever connects to 127.0.0.1. One client is one connection (reopened when the server
// closed it) and one bearer token; use it from one thread at a time.
//
// Transport failures and timeouts do not throw: the Response has status 0 and says what went
// wrong in `error`, so a hung or crashed server fails the test's status check instead of hanging
// CI. RawConnection sends arbitrary bytes for the cases a well-behaved client cannot produce.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tix::test {

inline constexpr std::chrono::milliseconds kRequestTimeout{15'000};

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Response {
    std::string request;                         // "POST /api/v1/orders", for failure messages
    int status = 0;                              // 0: no response (see error)
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
    boost::json::value json;  // parsed body when the content type is JSON; null otherwise
    std::string error;        // transport error, or why a JSON body did not parse

    // The header's value, "" when absent. `name` in any case.
    std::string Header(std::string_view name) const;
    // The media type without parameters, lower-cased: "application/problem+json".
    std::string MediaType() const;
    bool IsProblem() const { return MediaType() == "application/problem+json"; }
    // The problem's `code`, "" when there is none.
    std::string Code() const;
};

// "POST /api/v1/orders -> 409 {...}" (body shortened), for `EXPECT_EQ(...) << response`.
std::ostream& operator<<(std::ostream& out, const Response& response);
std::string ToString(const Response& response);

class HttpClient {
  public:
    explicit HttpClient(std::uint16_t port, std::chrono::milliseconds timeout = kRequestTimeout);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Sends `body` serialized as application/json when given. `headers` are added last and
    // replace defaults of the same name (Authorization, Content-Type, Host...).
    Response Request(std::string_view method, std::string_view target,
                     const std::optional<boost::json::value>& body = std::nullopt,
                     const Headers& headers = {});
    // Sends `body` verbatim (Content-Type application/json unless `headers` says otherwise).
    Response RequestRaw(std::string_view method, std::string_view target, std::string body,
                        const Headers& headers = {});

    Response Get(std::string_view target, const Headers& headers = {}) {
        return Request("GET", target, std::nullopt, headers);
    }
    Response Post(std::string_view target, const boost::json::value& body,
                  const Headers& headers = {}) {
        return Request("POST", target, body, headers);
    }
    // POST without a body.
    Response PostEmpty(std::string_view target, const Headers& headers = {}) {
        return Request("POST", target, std::nullopt, headers);
    }

    // The bearer token sent with every request; empty: none.
    void set_token(std::string token) { token_ = std::move(token); }
    const std::string& token() const { return token_; }
    std::uint16_t port() const { return port_; }
    // Connections opened so far: keep-alive means this stays at 1 for a well-behaved server.
    int connections_opened() const { return connections_opened_; }

    // POST /api/v1/auth/register; on 201 the client uses the returned access token.
    Response Register(std::string_view email, std::string_view password, std::string_view name);
    // POST /api/v1/auth/login; on 200 the client uses the token, which is returned. On any other
    // answer adds a test failure and returns "".
    std::string Login(std::string_view email, std::string_view password);

  private:
    Response Send(std::string_view method, std::string_view target, std::string body, bool has_body,
                  const Headers& headers);
    bool Connect(std::string* error);
    bool ConnectionLooksAlive();
    void Close();

    std::uint16_t port_;
    std::chrono::milliseconds timeout_;
    std::string token_;
    boost::asio::io_context io_;
    std::optional<boost::beast::tcp_stream> stream_;
    boost::beast::flat_buffer buffer_;
    int connections_opened_ = 0;
};

// A plain TCP connection to 127.0.0.1 for byte-level tests (slow or malformed clients).
class RawConnection {
  public:
    explicit RawConnection(std::uint16_t port);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return fd_ >= 0; }
    bool Send(std::string_view bytes);

    struct ReadResult {
        std::string data;     // everything received
        bool closed = false;  // the server closed (or reset) the connection
        std::chrono::milliseconds elapsed{0};
    };
    // Reads until the server closes the connection or `timeout` passes.
    ReadResult ReadUntilClosed(std::chrono::milliseconds timeout);

  private:
    int fd_ = -1;
};

}  // namespace tix::test
