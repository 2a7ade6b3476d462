// Test helpers: an HttpServer on 127.0.0.1 with an ephemeral port running on its own threads,
// and a small synchronous client. Tests only; each object is used from the test's thread.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
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
                        int threads = 2)
        : server_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}, std::move(router), limits) {
        auto port = server_.Start();
        if (!port.ok()) std::abort();
        port_ = *port;
        for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
    }
    ~TestServer() {
        server_.Stop();
        for (auto& thread : threads_) thread.join();  // run() returns once everything is closed
    }

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
    explicit TestClient(std::uint16_t port) : socket_(io_) {
        socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    }

    static Request MakeRequest(beast_http::verb verb, std::string_view target,
                               std::string body = {},
                               std::string_view content_type = "application/json") {
        Request request(verb, target, 11);
        request.set(beast_http::field::host, "127.0.0.1");
        if (!body.empty() || verb == beast_http::verb::post) {
            request.set(beast_http::field::content_type, content_type);
            request.body() = std::move(body);
        }
        request.prepare_payload();
        return request;
    }

    // Sends and reads the response; a failed read yields a response with status 0 (ec set).
    Response Send(const Request& request) {
        beast_http::write(socket_, request, ec_);
        return Read();
    }
    Response Get(std::string_view target, std::string_view token = {}) {
        Request request = MakeRequest(beast_http::verb::get, target);
        if (!token.empty())
            request.set(beast_http::field::authorization, "Bearer " + std::string(token));
        return Send(request);
    }
    Response PostJson(std::string_view target, std::string body) {
        return Send(MakeRequest(beast_http::verb::post, target, std::move(body)));
    }

    void WriteRaw(std::string_view bytes) {
        boost::asio::write(socket_, boost::asio::buffer(bytes.data(), bytes.size()), ec_);
    }
    Response Read() {
        Response response;
        beast_http::response_parser<beast_http::string_body> parser;
        parser.body_limit(16 * 1024 * 1024);
        beast_http::read(socket_, buffer_, parser, ec_);
        if (ec_) return Response(beast_http::status::unknown, 11);
        return parser.release();
    }
    // True when the server has closed the connection (reads return EOF without data).
    bool ServerClosed() {
        char byte = 0;
        boost::system::error_code ec;
        const std::size_t read = socket_.read_some(boost::asio::buffer(&byte, 1), ec);
        return read == 0 &&
               (ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset);
    }

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
