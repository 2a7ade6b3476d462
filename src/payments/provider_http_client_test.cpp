#include "payments/provider_http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/testing.h"

namespace tix::payments {
namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
using asio::ip::tcp;
using http::Access;
using http::RequestContext;
using http::Responder;
using http::Router;
using http::test_support::TestServer;
using namespace std::chrono_literals;

ProviderHttpOptions OptionsFor(std::uint16_t port,
                               std::chrono::milliseconds timeout = std::chrono::seconds{5}) {
    auto endpoint = ParseProviderUrl("http://127.0.0.1:" + std::to_string(port));
    if (!endpoint.ok()) std::abort();
    return {.endpoint = *endpoint, .api_key = "sk_test_1", .timeout = timeout};
}

TEST(ParseProviderUrl, AcceptsPlainHttpToAnAddress) {
    auto endpoint = ParseProviderUrl("http://127.0.0.1:8080");
    ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
    EXPECT_EQ(endpoint->address, "127.0.0.1");
    EXPECT_EQ(endpoint->port, 8080);
    EXPECT_EQ(endpoint->host, "127.0.0.1:8080");
    EXPECT_EQ(endpoint->base_url, "http://127.0.0.1:8080");

    endpoint = ParseProviderUrl("http://127.0.0.1:8080/");
    ASSERT_TRUE(endpoint.ok());
    EXPECT_EQ(endpoint->base_url, "http://127.0.0.1:8080") << "no trailing slash";

    endpoint = ParseProviderUrl("http://[::1]:9000");
    ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
    EXPECT_EQ(endpoint->address, "::1");
    EXPECT_EQ(endpoint->base_url, "http://[::1]:9000");

    endpoint = ParseProviderUrl("http://localhost:9000");
    ASSERT_TRUE(endpoint.ok());
    EXPECT_EQ(endpoint->address, "127.0.0.1");
    EXPECT_EQ(endpoint->host, "localhost:9000");

    endpoint = ParseProviderUrl("http://10.0.0.5");
    ASSERT_TRUE(endpoint.ok());
    EXPECT_EQ(endpoint->port, 80);
}

TEST(ParseProviderUrl, RefusesEverythingElse) {
    for (const char* url :
         {"", "127.0.0.1:8080", "https://127.0.0.1:8443", "ftp://127.0.0.1:21", "http://",
          "http://tixpay.example.com:8080", "http://user:pw@127.0.0.1:8080",
          "http://127.0.0.1:8080/v1", "http://127.0.0.1:8080?x=1", "http://127.0.0.1:8080#f",
          "http://127.0.0.1:0", "http://127.0.0.1:65536", "http://127.0.0.1:", "http://127.0.0.1:x",
          "http://999.0.0.1:80", " http://127.0.0.1:80"}) {
        const auto endpoint = ParseProviderUrl(url);
        EXPECT_FALSE(endpoint.ok()) << url;
        if (!endpoint.ok()) {
            EXPECT_EQ(endpoint.status().code(), Status::Code::kInvalidArgument) << url;
        }
    }
}

// Answers GET /ping with {"n": <calls so far>} and POST /big with a body of ?bytes= bytes.
std::shared_ptr<Router> PingRouter(std::atomic<int>& calls) {
    auto router = std::make_shared<Router>();
    router->Add(beast_http::verb::get, "/ping", Access::kPublic,
                [&calls](RequestContext&, Responder respond) {
                    const int n = calls.fetch_add(1) + 1;
                    respond(http::JsonResponse(beast_http::status::ok, {{"n", n}}));
                });
    router->Add(beast_http::verb::get, "/big", Access::kPublic,
                [](RequestContext& context, Responder respond) {
                    http::Response response(beast_http::status::ok, 11);
                    response.body() =
                        std::string(std::stoul(std::string(*context.Query("bytes"))), 'x');
                    response.prepare_payload();
                    respond(std::move(response));
                });
    router->Add(beast_http::verb::get, "/close", Access::kPublic,
                [](RequestContext&, Responder respond) {
                    http::Response response =
                        http::JsonResponse(beast_http::status::ok, {{"closing", true}});
                    response.keep_alive(false);
                    respond(std::move(response));
                });
    return router;
}

TEST(ProviderHttpClient, ReusesOneConnectionForSequentialCalls) {
    std::atomic<int> calls{0};
    TestServer server(PingRouter(calls));
    ProviderHttpClient client(OptionsFor(server.port()));
    for (int i = 1; i <= 10; ++i) {
        const auto response = client.Send({.target = "/ping"});
        ASSERT_TRUE(response.ok()) << response.status().ToString();
        EXPECT_EQ(response->status, 200u);
        EXPECT_EQ(response->body, R"({"n":)" + std::to_string(i) + "}");
    }
    EXPECT_EQ(client.connections_opened(), 1u);
    EXPECT_EQ(client.idle_connections(), 1u);
}

TEST(ProviderHttpClient, DoesNotKeepAConnectionTheServerCloses) {
    std::atomic<int> calls{0};
    TestServer server(PingRouter(calls));
    ProviderHttpClient client(OptionsFor(server.port()));
    ASSERT_TRUE(client.Send({.target = "/close"}).ok());
    EXPECT_EQ(client.idle_connections(), 0u);
    ASSERT_TRUE(client.Send({.target = "/ping"}).ok());
    EXPECT_EQ(client.connections_opened(), 2u);
}

TEST(ProviderHttpClient, AResponseOverItsLimitIsCorruption) {
    std::atomic<int> calls{0};
    TestServer server(PingRouter(calls));
    ProviderHttpClient client(OptionsFor(server.port()));
    const auto at_limit = client.Send({.target = "/big?bytes=1000", .response_bytes_max = 1000});
    ASSERT_TRUE(at_limit.ok()) << at_limit.status().ToString();
    EXPECT_EQ(at_limit->body.size(), 1000u);
    const auto over = client.Send({.target = "/big?bytes=1001", .response_bytes_max = 1000});
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.status().code(), Status::Code::kCorruption) << over.status().ToString();
    EXPECT_EQ(client.idle_connections(), 0u) << "a half-read connection is not kept";
}

TEST(ProviderHttpClient, RefusesHeaderValuesWithControlCharacters) {
    ProviderHttpClient client(OptionsFor(1));
    const auto sent = client.Send({.method = HttpMethod::kPost,
                                   .target = "/v1/refunds",
                                   .idempotency_key = "k\r\nX-Injected: 1"});
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(client.connections_opened(), 0u);
}

// A port nothing listens on: bound, then released.
std::uint16_t UnusedPort() {
    asio::io_context io;
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

TEST(ProviderHttpClient, ProviderDownIsIoErrorAtOnce) {
    ProviderHttpClient client(OptionsFor(UnusedPort()));
    const auto started = std::chrono::steady_clock::now();
    const auto sent = client.Send({.target = "/ping"});
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.status().code(), Status::Code::kIoError);
    EXPECT_EQ(sent.status().message().rfind("payment provider unavailable: connect to", 0), 0u)
        << sent.status().message();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s) << "not the 5 s timeout";
}

// Serves exactly one request on each connection it accepts, answers it as keep-alive, and then
// closes the connection: every kept connection is stale by the time the client reuses it.
class OneRequestPerConnectionServer {
  public:
    explicit OneRequestPerConnectionServer(int connections)
        : connections_(connections), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
        port_ = acceptor_.local_endpoint().port();
        thread_ = std::thread([this] {
            for (int i = 0; i < connections_; ++i) ServeOne();
        });
    }
    ~OneRequestPerConnectionServer() {
        // If a test failed before making every connection, make the rest so the thread ends.
        for (int i = accepted_.load(); i < connections_; ++i) {
            asio::io_context io;
            tcp::socket socket(io);
            boost::system::error_code ec;
            socket.connect({asio::ip::make_address("127.0.0.1"), port_}, ec);
        }
        thread_.join();
    }

    std::uint16_t port() const { return port_; }
    int requests() const { return requests_.load(); }

  private:
    void ServeOne() {
        tcp::socket socket(io_);
        boost::system::error_code ec;
        acceptor_.accept(socket, ec);
        accepted_.fetch_add(1);
        if (ec) return;
        boost::beast::flat_buffer buffer;
        beast_http::request<beast_http::string_body> request;
        beast_http::read(socket, buffer, request, ec);
        if (ec) return;
        requests_.fetch_add(1);
        beast_http::response<beast_http::string_body> response(beast_http::status::ok, 11);
        response.keep_alive(true);
        response.body() = "{}";
        response.prepare_payload();
        beast_http::write(socket, response, ec);
        socket.shutdown(tcp::socket::shutdown_both, ec);
        socket.close(ec);
    }

    const int connections_;
    asio::io_context io_;
    tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::atomic<int> accepted_{0};
    std::atomic<int> requests_{0};
    std::thread thread_;
};

TEST(ProviderHttpClient, AStaleKeptConnectionIsRetriedOnceForRepeatableRequests) {
    OneRequestPerConnectionServer server(3);
    ProviderHttpClient client(OptionsFor(server.port()));
    ASSERT_TRUE(client.Send({.target = "/v1/events"}).ok());
    ASSERT_EQ(client.idle_connections(), 1u);
    // The kept connection is closed by now or will be reset: a GET is retried on a new one.
    const auto get = client.Send({.target = "/v1/events"});
    ASSERT_TRUE(get.ok()) << get.status().ToString();
    // And so is a POST with an Idempotency-Key: the provider answers it once.
    const auto post = client.Send({.method = HttpMethod::kPost,
                                   .target = "/v1/refunds",
                                   .body = "{}",
                                   .idempotency_key = "refund-7"});
    ASSERT_TRUE(post.ok()) << post.status().ToString();
    EXPECT_EQ(client.connections_opened(), 3u);
    EXPECT_EQ(server.requests(), 3);
}

TEST(ProviderHttpClient, AStaleKeptConnectionFailsAPostWithoutIdempotencyKey) {
    OneRequestPerConnectionServer server(1);
    ProviderHttpClient client(OptionsFor(server.port()));
    ASSERT_TRUE(client.Send({.target = "/v1/events"}).ok());
    const auto post =
        client.Send({.method = HttpMethod::kPost, .target = "/v1/payment_intents", .body = "{}"});
    ASSERT_FALSE(post.ok()) << "repeating it could create a second intent";
    EXPECT_EQ(post.status().code(), Status::Code::kIoError);
    EXPECT_EQ(client.connections_opened(), 1u);
}

// Keeps every Responder it is handed without answering, until Release.
class Unanswered {
  public:
    void Keep(Responder respond) {
        std::lock_guard lock(mutex_);
        kept_.push_back(std::move(respond));
    }
    // Drops the responders (their requests answer 500 to connections long closed). Call while
    // the server still runs: a Responder holds its session.
    void Release() {
        std::vector<Responder> kept;
        {
            std::lock_guard lock(mutex_);
            kept.swap(kept_);
        }
    }

  private:
    std::mutex mutex_;
    std::vector<Responder> kept_;
};

TEST(ProviderHttpClient, AProviderThatNeverAnswersIsIoErrorAfterTheTimeout) {
    Unanswered unanswered;
    auto router = std::make_shared<Router>();
    router->Add(
        beast_http::verb::get, "/v1/events", Access::kPublic,
        [&unanswered](RequestContext&, Responder respond) { unanswered.Keep(std::move(respond)); });
    TestServer server(router);
    // Releases the kept responders before the server goes, even when an assertion fails.
    struct ReleaseAtEnd {
        Unanswered& unanswered;
        ~ReleaseAtEnd() { unanswered.Release(); }
    } release_at_end{unanswered};
    constexpr std::chrono::milliseconds kTimeout{200};
    ProviderHttpClient client(OptionsFor(server.port(), kTimeout));

    const auto started = std::chrono::steady_clock::now();
    const auto sent = client.Send({.target = "/v1/events"});
    const auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.status().code(), Status::Code::kIoError);
    EXPECT_NE(sent.status().message().find("no answer within 200 ms"), std::string::npos)
        << sent.status().message();
    EXPECT_GE(elapsed, kTimeout);
    EXPECT_LT(elapsed, kTimeout + 2s);
    EXPECT_EQ(client.idle_connections(), 0u) << "a timed-out connection is not kept";
}

TEST(ProviderHttpClient, ManyThreadsShareAFewConnections) {
    std::atomic<int> calls{0};
    TestServer server(PingRouter(calls));
    ProviderHttpClient client(OptionsFor(server.port()));
    constexpr int kThreads = 8;
    constexpr int kCallsPerThread = 50;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kCallsPerThread; ++i) {
                const auto sent = client.Send({.target = "/ping"});
                if (!sent.ok() || sent->status != 200) failures.fetch_add(1);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(calls.load(), kThreads * kCallsPerThread);
    EXPECT_LE(client.connections_opened(), static_cast<std::uint64_t>(kThreads));
    EXPECT_LE(client.idle_connections(), static_cast<std::size_t>(kThreads));
}

}  // namespace
}  // namespace tix::payments
