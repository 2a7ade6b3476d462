// Test helpers: an HttpServer on 127.0.0.1 with an ephemeral port running on its own threads,
// and a small synchronous client. Tests only; each object is used from the test's thread.
// Defined in testing.cpp (library tix_http_testing), so that Beast's parser and serializer and
// Asio's socket code compile once rather than in every test file (~15 s each under ASan + UBSan).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/server.h"

namespace tix::http::test_support {

// Runs an HttpServer for the life of the object; the destructor stops it and joins the threads.
class TestServer {
  public:
    explicit TestServer(std::shared_ptr<const Router> router, ServerLimits limits = {},
                        int threads = 2);
    ~TestServer();

    std::uint16_t port() const { return port_; }
    HttpServer& server() { return server_; }

  private:
    boost::asio::io_context io_;
    HttpServer server_;
    std::uint16_t port_ = 0;
    std::vector<std::thread> threads_;
};

// One blocking connection to 127.0.0.1:port.
class TestClient {
  public:
    explicit TestClient(std::uint16_t port);
    ~TestClient();

    static Request MakeRequest(beast_http::verb verb, std::string_view target,
                               std::string body = {},
                               std::string_view content_type = "application/json");

    // Sends and reads the response; a failed read yields a response with status 0 (ec set).
    Response Send(const Request& request);
    Response Get(std::string_view target, std::string_view token = {});
    Response PostJson(std::string_view target, std::string body);

    void WriteRaw(std::string_view bytes);
    // Reads one response; `to_head` for the answer to a HEAD, which has a header only.
    Response Read(bool to_head = false);
    // True when the server has closed the connection (reads return EOF without data).
    bool ServerClosed();

    const boost::system::error_code& error() const { return ec_; }
    boost::asio::ip::tcp::socket& socket() { return socket_; }

  private:
    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
    boost::system::error_code ec_;
};

inline boost::json::object BodyJson(const Response& response) {
    boost::system::error_code ec;
    auto value = boost::json::parse(response.body(), ec);
    if (ec || !value.is_object()) return {};
    return value.as_object();
}

inline std::string ProblemCode(const Response& response) {
    const auto body = BodyJson(response);
    const auto* code = body.if_contains("code");
    return code && code->is_string() ? std::string(code->as_string()) : std::string();
}

}  // namespace tix::http::test_support
