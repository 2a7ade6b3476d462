#include "support/http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <sstream>

namespace tix::test {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace json = boost::json;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Larger than any answer tixd should give; a runaway body fails the read instead of eating memory.
constexpr std::uint64_t kResponseBytesMax = 64ull * 1024 * 1024;
constexpr std::size_t kPrintedBodyMax = 1'500;

std::string Lower(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

bool IsJsonMediaType(std::string_view media_type) {
    return media_type == "application/json" ||
           (media_type.starts_with("application/") && media_type.ends_with("+json"));
}

bool IsClosedByPeer(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == boost::asio::error::eof ||
           ec == boost::asio::error::connection_reset || ec == boost::asio::error::broken_pipe;
}

}  // namespace

std::string Response::Header(std::string_view name) const {
    const auto it = headers.find(Lower(name));
    return it == headers.end() ? "" : it->second;
}

std::string Response::MediaType() const {
    std::string type = Header("content-type");
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    return Lower(type);
}

std::string Response::Code() const {
    if (!json.is_object()) return "";
    const json::value* code = json.as_object().if_contains("code");
    return code != nullptr && code->is_string() ? std::string(code->as_string()) : "";
}

std::ostream& operator<<(std::ostream& out, const Response& response) {
    out << response.request << " -> ";
    if (response.status == 0) return out << "no response: " << response.error;
    out << response.status << " ";
    if (response.body.size() <= kPrintedBodyMax) return out << response.body;
    return out << response.body.substr(0, kPrintedBodyMax) << "... (" << response.body.size()
               << " bytes)";
}

std::string ToString(const Response& response) {
    std::ostringstream out;
    out << response;
    return out.str();
}

HttpClient::HttpClient(std::uint16_t port, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout) {}

HttpClient::~HttpClient() { Close(); }

Response HttpClient::Request(std::string_view method, std::string_view target,
                             const std::optional<json::value>& body, const Headers& headers) {
    if (!body) return Send(method, target, "", false, headers);
    return Send(method, target, json::serialize(*body), true, headers);
}

Response HttpClient::RequestRaw(std::string_view method, std::string_view target, std::string body,
                                const Headers& headers) {
    return Send(method, target, std::move(body), true, headers);
}

Response HttpClient::Send(std::string_view method, std::string_view target, std::string body,
                          bool has_body, const Headers& headers) {
    Response response;
    response.request = std::string(method) + " " + std::string(target);

    http::request<http::string_body> request;
    request.version(11);
    if (const http::verb verb = http::string_to_verb(method); verb != http::verb::unknown) {
        request.method(verb);
    } else {
        request.method_string(method);
    }
    request.target(target);
    request.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    request.set(http::field::user_agent, "tix-black-box-test");
    if (!token_.empty()) request.set(http::field::authorization, "Bearer " + token_);
    if (has_body) {
        request.set(http::field::content_type, "application/json");
        request.body() = std::move(body);
    }
    request.prepare_payload();
    for (const auto& [name, value] : headers) {
        if (value.empty()) {
            request.erase(name);
        } else {
            request.set(name, value);
        }
    }

    // One retry, only for a request that cannot have been acted on twice: a GET on a reused
    // connection that the server closed before answering anything.
    for (int attempt = 0;; ++attempt) {
        if (stream_ && !ConnectionLooksAlive()) Close();
        const bool reused = stream_.has_value();
        if (!stream_ && !Connect(&response.error)) return response;

        beast::error_code write_ec;
        stream_->expires_after(timeout_);
        http::async_write(*stream_, request,
                          [&](beast::error_code ec, std::size_t) { write_ec = ec; });
        io_.restart();
        io_.run();

        // Read even after a failed write: the server may have answered early (413) and closed.
        http::response_parser<http::string_body> parser;
        parser.body_limit(kResponseBytesMax);
        parser.skip(method == "HEAD");  // its Content-Length is the GET's; no body follows
        beast::error_code read_ec;
        if (stream_->socket().is_open()) {
            stream_->expires_after(timeout_);
            http::async_read(*stream_, buffer_, parser,
                             [&](beast::error_code ec, std::size_t) { read_ec = ec; });
            io_.restart();
            io_.run();
        } else {
            read_ec = write_ec;
        }
        if (!read_ec) {
            const auto& message = parser.get();
            response.status = static_cast<int>(message.result_int());
            for (const auto& field : message) {
                std::string& value = response.headers[Lower(field.name_string())];
                value +=
                    value.empty() ? std::string(field.value()) : ", " + std::string(field.value());
            }
            response.body = message.body();
            if (!message.keep_alive()) Close();
            if (IsJsonMediaType(response.MediaType())) {
                boost::system::error_code parse_ec;
                response.json = json::parse(response.body, parse_ec);
                if (parse_ec) response.error = "body is not JSON: " + parse_ec.message();
            }
            return response;
        }
        Close();
        const bool retry = attempt == 0 && reused && !parser.got_some() &&
                           IsClosedByPeer(read_ec) && (method == "GET" || method == "HEAD");
        if (!retry) {
            response.error = "write: " + write_ec.message() + "; read: " + read_ec.message();
            return response;
        }
    }
}

bool HttpClient::Connect(std::string* error) {
    stream_.emplace(io_);
    buffer_.clear();
    beast::error_code connect_ec;
    stream_->expires_after(timeout_);
    stream_->async_connect(tcp::endpoint(boost::asio::ip::address_v4::loopback(), port_),
                           [&](beast::error_code ec) { connect_ec = ec; });
    io_.restart();
    io_.run();
    if (connect_ec) {
        *error = "connect to 127.0.0.1:" + std::to_string(port_) + ": " + connect_ec.message();
        stream_.reset();
        return false;
    }
    beast::error_code ignored;
    stream_->socket().set_option(tcp::no_delay(true), ignored);
    ++connections_opened_;
    return true;
}

bool HttpClient::ConnectionLooksAlive() {
    if (!stream_->socket().is_open() || buffer_.size() != 0) return false;
    // A peek that would block means open and quiet; 0 means closed by the server; bytes nobody
    // asked for (a 408, say) make the connection unusable too.
    char byte = 0;
    const ssize_t n = ::recv(stream_->socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

void HttpClient::Close() {
    if (!stream_) return;
    beast::error_code ignored;
    stream_->socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_->socket().close(ignored);
    stream_.reset();
    buffer_.clear();
}

Response HttpClient::Register(std::string_view email, std::string_view password,
                              std::string_view name) {
    json::object body{{"email", email}, {"password", password}, {"name", name}};
    Response response = Post("/api/v1/auth/register", body);
    if (response.status == 201 && response.json.is_object()) {
        if (const json::value* token = response.json.as_object().if_contains("access_token");
            token != nullptr && token->is_string()) {
            token_ = std::string(token->as_string());
        }
    }
    return response;
}

std::string HttpClient::Login(std::string_view email, std::string_view password) {
    json::object body{{"email", email}, {"password", password}};
    const Response response = Post("/api/v1/auth/login", body);
    const json::value* token =
        response.json.is_object() ? response.json.as_object().if_contains("access_token") : nullptr;
    if (response.status != 200 || token == nullptr || !token->is_string()) {
        ADD_FAILURE() << "login as " << email << " failed: " << response;
        return "";
    }
    token_ = std::string(token->as_string());
    return token_;
}

RawConnection::RawConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

RawConnection::~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::Send(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

RawConnection::ReadResult RawConnection::ReadUntilClosed(std::chrono::milliseconds timeout) {
    ReadResult result;
    const auto start = Clock::now();
    const auto deadline = start + timeout;
    char chunk[4096];
    while (!result.closed) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) break;
        pollfd poll_fd{fd_, POLLIN, 0};
        const int ready = ::poll(&poll_fd, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) break;
        const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n > 0) {
            result.data.append(chunk, static_cast<std::size_t>(n));
        } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
            result.closed = true;
        }
    }
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return result;
}

}  // namespace tix::test
