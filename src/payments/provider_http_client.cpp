#include "payments/provider_http_client.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/parse.hpp>
#include <exception>
#include <utility>

namespace tix::payments {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;

constexpr std::uint16_t kDefaultHttpPort = 80;

bool IsHeaderSafe(std::string_view value) {
    for (const char c : value) {
        if (c < ' ' || c >= 127) return false;
    }
    return true;
}

// A completion handler that records the outcome of one asynchronous operation.
struct Completion {
    error_code* result;
    bool* done;
    template <typename... Rest>
    void operator()(error_code ec, Rest&&...) const {
        *result = ec;
        *done = true;
    }
};

// Runs the operation that `start` begins until it completes. beast::tcp_stream applies its expiry
// to asynchronous operations only, so each blocking step is an asynchronous operation run to
// completion on the connection's own io_context: when the deadline passes, the stream closes
// the socket and the operation completes with beast::error::timeout.
template <typename Start>
error_code RunToCompletion(asio::io_context& io, Start&& start) {
    error_code result;
    bool done = false;
    start(Completion{&result, &done});
    io.restart();
    while (!done) {
        if (io.run_one() == 0) return asio::error::operation_aborted;  // nothing left to run
    }
    return result;
}

std::string DescribeError(const error_code& ec, std::chrono::milliseconds timeout) {
    if (ec == beast::error::timeout) {
        return "no answer within " + std::to_string(timeout.count()) + " ms";
    }
    return ec.message();
}

}  // namespace

Result<ProviderEndpoint> ParseProviderUrl(std::string_view text) {
    const auto refuse = [&](std::string_view why) {
        return Status::InvalidArgument("payment provider url '" + std::string(text) +
                                       "': " + std::string(why));
    };
    const auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed) return refuse("not an absolute URL");
    const boost::urls::url_view url = *parsed;
    if (url.scheme_id() != boost::urls::scheme::http) return refuse("only http is supported");
    if (url.has_userinfo()) return refuse("credentials do not belong in the url");
    if (url.has_query() || url.has_fragment()) return refuse("no query or fragment expected");
    if (!url.encoded_path().empty() && url.encoded_path() != "/") {
        return refuse("no path expected (the API's paths are fixed)");
    }

    ProviderEndpoint endpoint;
    switch (url.host_type()) {
        case boost::urls::host_type::ipv4:
        case boost::urls::host_type::ipv6:
            endpoint.address = url.host_address();
            break;
        case boost::urls::host_type::name:
            if (url.host_address() != "localhost") {
                return refuse("the host must be an IP address or localhost (no name lookups)");
            }
            endpoint.address = "127.0.0.1";
            break;
        default:
            return refuse("no usable host");
    }
    error_code ec;
    asio::ip::make_address(endpoint.address, ec);
    if (ec) return refuse("bad IP address");

    endpoint.port = kDefaultHttpPort;
    if (url.has_port()) {
        if (url.port().empty() || url.port_number() == 0) return refuse("bad port");
        endpoint.port = url.port_number();
    }
    endpoint.host = std::string(url.encoded_host()) + ":" + std::to_string(endpoint.port);
    endpoint.base_url = "http://" + endpoint.host;
    return endpoint;
}

struct ProviderHttpClient::Connection {
    // Declared before the stream: destroyed after it.
    asio::io_context io{1};
    beast::tcp_stream stream{io};
    beast::flat_buffer buffer;
};

// The outcome of one exchange on one connection.
struct ProviderHttpClient::Attempt {
    enum class Stage : std::uint8_t { kConnect, kWrite, kRead, kDone };
    Stage failed_at = Stage::kDone;
    error_code error;
    bool keep_alive = false;  // the connection may carry another request
    ProviderResponse response;
};

ProviderHttpClient::ProviderHttpClient(ProviderHttpOptions options)
    : options_(std::move(options)), authorization_("Bearer " + options_.api_key) {
    idle_.reserve(options_.idle_connections_max);
}

ProviderHttpClient::~ProviderHttpClient() = default;

std::size_t ProviderHttpClient::idle_connections() const {
    std::lock_guard lock(mutex_);
    return idle_.size();
}

std::unique_ptr<ProviderHttpClient::Connection> ProviderHttpClient::Acquire(bool fresh,
                                                                            bool& reused) {
    if (!fresh) {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            std::unique_ptr<Connection> connection = std::move(idle_.back());
            idle_.pop_back();
            reused = true;
            return connection;
        }
    }
    reused = false;
    return std::make_unique<Connection>();
}

void ProviderHttpClient::Release(std::unique_ptr<Connection> connection) {
    {
        std::lock_guard lock(mutex_);
        if (idle_.size() < options_.idle_connections_max) {
            idle_.push_back(std::move(connection));
            return;
        }
    }
    // The pool is full: `connection` closes here, outside the lock.
}

ProviderHttpClient::Attempt ProviderHttpClient::Exchange(
    Connection& connection, const ProviderRequest& request,
    std::chrono::steady_clock::time_point deadline) {
    Attempt attempt;
    beast::tcp_stream& stream = connection.stream;

    if (!stream.socket().is_open()) {
        const tcp::endpoint peer(asio::ip::make_address(options_.endpoint.address),
                                 options_.endpoint.port);
        stream.expires_at(deadline);
        attempt.error = RunToCompletion(
            connection.io, [&](Completion done) { stream.async_connect(peer, std::move(done)); });
        if (attempt.error) {
            attempt.failed_at = Attempt::Stage::kConnect;
            return attempt;
        }
        connections_opened_.fetch_add(1, std::memory_order_relaxed);
        error_code ignored;
        stream.socket().set_option(tcp::no_delay(true), ignored);  // small requests, no Nagle
    }

    beast_http::request<beast_http::string_body> message(
        request.method == HttpMethod::kPost ? beast_http::verb::post : beast_http::verb::get,
        beast::string_view(request.target.data(), request.target.size()), 11);
    message.set(beast_http::field::host, options_.endpoint.host);
    message.set(beast_http::field::authorization, authorization_);
    message.set(beast_http::field::accept, "application/json");
    if (!request.idempotency_key.empty()) {
        message.set("Idempotency-Key", beast::string_view(request.idempotency_key.data(),
                                                          request.idempotency_key.size()));
    }
    if (request.method == HttpMethod::kPost) {
        message.set(beast_http::field::content_type, "application/json");
        message.body().assign(request.body);
    }
    message.keep_alive(true);
    message.prepare_payload();

    stream.expires_at(deadline);
    attempt.error = RunToCompletion(connection.io, [&](Completion done) {
        beast_http::async_write(stream, message, std::move(done));
    });
    if (attempt.error) {
        attempt.failed_at = Attempt::Stage::kWrite;
        return attempt;
    }

    beast_http::response_parser<beast_http::string_body> parser;
    parser.header_limit(kResponseHeaderBytesMax);
    parser.body_limit(request.response_bytes_max);
    stream.expires_at(deadline);
    attempt.error = RunToCompletion(connection.io, [&](Completion done) {
        beast_http::async_read(stream, connection.buffer, parser, std::move(done));
    });
    if (attempt.error) {
        attempt.failed_at = Attempt::Stage::kRead;
        return attempt;
    }
    stream.expires_never();
    // Bytes beyond the response would be the start of an answer to nothing: do not reuse.
    attempt.keep_alive = parser.get().keep_alive() && connection.buffer.size() == 0;
    attempt.response.status = parser.get().result_int();
    attempt.response.body = std::move(parser.get().body());
    return attempt;
}

Result<ProviderResponse> ProviderHttpClient::Send(const ProviderRequest& request) {
    if (!IsHeaderSafe(request.target) || !IsHeaderSafe(request.idempotency_key)) {
        return Status::InvalidArgument("payment provider request has control characters");
    }
    try {
        const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
        // Repeating the request is harmless: the provider answers it once.
        const bool repeatable =
            request.method == HttpMethod::kGet || !request.idempotency_key.empty();
        for (int attempt_number = 0;; ++attempt_number) {
            bool reused = false;
            std::unique_ptr<Connection> connection = Acquire(attempt_number > 0, reused);
            Attempt attempt = Exchange(*connection, request, deadline);
            if (attempt.failed_at == Attempt::Stage::kDone) {
                if (attempt.keep_alive) Release(std::move(connection));
                return std::move(attempt.response);
            }
            const error_code& ec = attempt.error;
            if (ec == beast_http::error::body_limit || ec == beast_http::error::header_limit) {
                return Status::Corruption("payment provider answered more than " +
                                          std::to_string(request.response_bytes_max) +
                                          " bytes to " + std::string(request.target));
            }
            if (ec.category() ==
                    beast_http::make_error_code(beast_http::error::bad_target).category() &&
                ec != beast_http::error::end_of_stream &&
                ec != beast_http::error::partial_message) {
                return Status::Corruption("payment provider answered something that is not HTTP: " +
                                          ec.message());
            }
            // A kept connection the provider closed meanwhile fails at once (reset, EOF or a
            // broken pipe); try once more on a new one, if the request may be repeated. A
            // timeout is not that: a provider this slow gets no second request from this call.
            const bool stale = reused && attempt.failed_at != Attempt::Stage::kConnect &&
                               ec != beast::error::timeout;
            if (stale && repeatable && attempt_number == 0) continue;
            std::string message = "payment provider unavailable: ";
            message.append(attempt.failed_at == Attempt::Stage::kConnect ? "connect to "
                           : attempt.failed_at == Attempt::Stage::kWrite ? "send to "
                                                                         : "answer from ");
            message.append(options_.endpoint.base_url).append(": ");
            message.append(DescribeError(ec, options_.timeout));
            if (stale && !repeatable) message.append(" (kept connection; not repeatable)");
            return Status::IoError(std::move(message));
        }
    } catch (const std::exception& e) {
        // Only allocation failures and the like can get here: Beast is used with error codes.
        return Status::IoError(std::string("payment provider unavailable: ") + e.what());
    }
}

}  // namespace tix::payments
