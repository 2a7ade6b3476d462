#include "http/testing.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

namespace tix::http::test_support {

TestServer::TestServer(std::shared_ptr<const Router> router, ServerLimits limits, int threads)
    : server_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}, std::move(router), limits) {
    auto port = server_.Start();
    if (!port.ok()) std::abort();
    port_ = *port;
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
}

TestServer::~TestServer() {
    server_.Stop();
    for (auto& thread : threads_) thread.join();  // run() returns once everything is closed
}

TestClient::TestClient(std::uint16_t port) : socket_(io_) {
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
}

TestClient::~TestClient() = default;

Request TestClient::MakeRequest(beast_http::verb verb, std::string_view target, std::string body,
                                std::string_view content_type) {
    Request request(verb, target, 11);
    request.set(beast_http::field::host, "127.0.0.1");
    if (!body.empty() || verb == beast_http::verb::post) {
        request.set(beast_http::field::content_type, content_type);
        request.body() = std::move(body);
    }
    request.prepare_payload();
    return request;
}

Response TestClient::Send(const Request& request) {
    beast_http::write(socket_, request, ec_);
    return Read(request.method() == beast_http::verb::head);
}

Response TestClient::Get(std::string_view target, std::string_view token) {
    Request request = MakeRequest(beast_http::verb::get, target);
    if (!token.empty())
        request.set(beast_http::field::authorization, "Bearer " + std::string(token));
    return Send(request);
}

Response TestClient::PostJson(std::string_view target, std::string body) {
    return Send(MakeRequest(beast_http::verb::post, target, std::move(body)));
}

void TestClient::WriteRaw(std::string_view bytes) {
    boost::asio::write(socket_, boost::asio::buffer(bytes.data(), bytes.size()), ec_);
}

Response TestClient::Read(bool to_head) {
    beast_http::response_parser<beast_http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    parser.skip(to_head);
    beast_http::read(socket_, buffer_, parser, ec_);
    if (ec_) return Response(beast_http::status::unknown, 11);
    return parser.release();
}

bool TestClient::ServerClosed() {
    char byte = 0;
    boost::system::error_code ec;
    const std::size_t read = socket_.read_some(boost::asio::buffer(&byte, 1), ec);
    return read == 0 &&
           (ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset);
}

}  // namespace tix::http::test_support
