#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/testing.h"

namespace tix::http {
namespace {

using beast_http::status;
using beast_http::verb;
using test_support::BodyJson;
using test_support::ProblemCode;
using test_support::TestClient;
using test_support::TestServer;
using namespace std::chrono_literals;

// How long a test waits for /later's threads before it fails.
constexpr std::chrono::seconds kLaterThreadsDeadline{10};

// /later's threads report here once they have let go of their request, so a test that used
// /later can wait for them before its server is destroyed.
class LaterThreads {
  public:
    // Never destroyed: a detached thread may still be leaving Finished() at exit.
    static LaterThreads& Instance() {
        static auto* const instance = new LaterThreads();
        return *instance;
    }

    void Finished() {
        // Notified under the lock, so a waiter cannot return and move on while we still touch it.
        std::lock_guard lock(mutex_);
        ++finished_;
        changed_.notify_all();
    }

    int finished() {
        std::lock_guard lock(mutex_);
        return finished_;
    }

    // Waits until `count` threads have finished since the program started; fails the test if
    // that takes longer than kLaterThreadsDeadline.
    void WaitUntilFinished(int count) {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_for(lock, kLaterThreadsDeadline, [&] { return finished_ >= count; })) {
            ADD_FAILURE() << "only " << finished_ << " of " << count
                          << " /later threads finished within " << kLaterThreadsDeadline.count()
                          << " s";
        }
    }

  private:
    LaterThreads() = default;

    std::mutex mutex_;
    std::condition_variable changed_;
    int finished_ = 0;
};

// A string field of a JSON response body, or "" when the body has none: unlike BodyJson().at(),
// safe to call on a client thread, where an exception would end the test binary.
std::string StringField(const Response& response, std::string_view name) {
    const auto body = BodyJson(response);
    const auto* field = body.if_contains(name);
    return field != nullptr && field->is_string() ? std::string(field->as_string()) : std::string();
}

// Routes used by every test: /echo answers with the body size and client ip, /later answers
// from another thread, /boom throws, /twice answers twice, /drop never answers.
std::shared_ptr<Router> MakeRouter() {
    auto router = std::make_shared<Router>();
    router->Add(verb::get, "/echo", Access::kPublic,
                [](RequestContext& context, Responder respond) {
                    respond(JsonResponse(status::ok, {{"ip", context.client_ip}}));
                });
    router->Add(verb::post, "/echo", Access::kPublic,
                [](RequestContext& context, Responder respond) {
                    respond(JsonResponse(status::ok, {{"bytes", context.request.body().size()}}));
                });
    router->Add(
        verb::get, "/later", Access::kPublic, [](RequestContext& context, Responder respond) {
            std::thread([&context, respond]() mutable {
                // The context stays valid while a Responder copy is alive.
                {
                    // Answer and let go of the session here, before the test may tear the
                    // server down (a moved-from Responder holds nothing).
                    const Responder mine = std::move(respond);
                    mine(JsonResponse(status::accepted, {{"target", context.request.target()}}));
                }
                LaterThreads::Instance().Finished();
            }).detach();
        });
    router->Add(verb::get, "/boom", Access::kPublic,
                [](RequestContext&, Responder) { throw std::runtime_error("handler bug"); });
    router->Add(verb::get, "/twice", Access::kPublic, [](RequestContext&, Responder respond) {
        respond(JsonResponse(status::ok, {{"n", 1}}));
        respond(JsonResponse(status::ok, {{"n", 2}}));
    });
    router->Add(verb::get, "/drop", Access::kPublic, [](RequestContext&, Responder) {});
    return router;
}

ServerLimits FastLimits() {
    ServerLimits limits;
    limits.read_timeout = 300ms;
    limits.idle_timeout = 300ms;
    limits.write_timeout = 1s;
    limits.linger_timeout = 300ms;
    return limits;
}

TEST(HttpServer, KeepsConnectionAliveAcrossRequests) {
    TestServer server(MakeRouter());
    TestClient client(server.port());
    for (int i = 0; i < 5; ++i) {
        const Response response = client.Get("/echo");
        ASSERT_EQ(response.result(), status::ok) << client.error().message();
        EXPECT_EQ(response[beast_http::field::server], "tixd");
        EXPECT_EQ(response[beast_http::field::content_length],
                  std::to_string(response.body().size()));
        EXPECT_TRUE(response.keep_alive());
        EXPECT_EQ(BodyJson(response).at("ip").as_string(), "127.0.0.1");
    }
    EXPECT_EQ(server.server().connection_count(), 1u);
}

TEST(HttpServer, ClosesWhenClientAsks) {
    TestServer server(MakeRouter());
    TestClient client(server.port());
    Request request = TestClient::MakeRequest(verb::get, "/echo");
    request.keep_alive(false);
    const Response response = client.Send(request);
    EXPECT_EQ(response.result(), status::ok);
    EXPECT_FALSE(response.keep_alive());
    EXPECT_TRUE(client.ServerClosed());
}

TEST(HttpServer, Http10ClosesByDefault) {
    TestServer server(MakeRouter());
    TestClient client(server.port());
    client.WriteRaw("GET /echo HTTP/1.0\r\n\r\n");
    const Response response = client.Read();
    EXPECT_EQ(response.result(), status::ok);
    EXPECT_EQ(response.version(), 10u);
    EXPECT_TRUE(client.ServerClosed());
}

TEST(HttpServer, BodyAtLimitIsAccepted) {
    TestServer server(MakeRouter());
    TestClient client(server.port());
    const Response response = client.PostJson("/echo", std::string(kBodyBytesMax, 'x'));
    ASSERT_EQ(response.result(), status::ok);
    EXPECT_EQ(BodyJson(response).at("bytes").as_int64(), static_cast<std::int64_t>(kBodyBytesMax));
}

TEST(HttpServer, AnswersExpectContinueBeforeTheBody) {
    TestServer server(MakeRouter(), FastLimits());
    TestClient client(server.port());
    client.WriteRaw(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 2000\r\nExpect: 100-continue\r\n\r\n");
    const Response go_ahead = client.Read();
    EXPECT_EQ(go_ahead.result(), status::continue_);
    client.WriteRaw(std::string(2000, 'b'));
    const Response response = client.Read();
    ASSERT_EQ(response.result(), status::ok);
    EXPECT_EQ(BodyJson(response).at("bytes").as_int64(), 2000);
}

TEST(HttpServer, ExpectContinueWithTooLargeBodyIs413WithoutWaiting) {
    TestServer server(MakeRouter(), FastLimits());
    TestClient client(server.port());
    client.WriteRaw(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n"
        "Expect: 100-continue\r\n\r\n");
    EXPECT_EQ(client.Read().result(), status::payload_too_large);
}

TEST(HttpServer, BodyOverLimitIs413AndCloses) {
    TestServer server(MakeRouter(), FastLimits());
    TestClient client(server.port());
    const Response response = client.PostJson("/echo", std::string(65 * 1024, 'x'));
    ASSERT_EQ(response.result(), status::payload_too_large) << client.error().message();
    EXPECT_EQ(response[beast_http::field::content_type], "application/problem+json");
    EXPECT_EQ(ProblemCode(response), "payload_too_large");
    EXPECT_FALSE(response.keep_alive());
    EXPECT_TRUE(client.ServerClosed());
}

TEST(HttpServer, ChunkedBodyOverLimitIs413) {
    TestServer server(MakeRouter(), FastLimits());
    TestClient client(server.port());
    std::string request = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 70; ++i) request += "400\r\n" + std::string(1024, 'y') + "\r\n";
    request += "0\r\n\r\n";
    client.WriteRaw(request);
    const Response response = client.Read();
    EXPECT_EQ(response.result(), status::payload_too_large);
}

TEST(HttpServer, HugeHeaderIs431) {
    TestServer server(MakeRouter(), FastLimits());
    TestClient client(server.port());
    Request request = TestClient::MakeRequest(verb::get, "/echo");
    request.set("X-Padding", std::string(9 * 1024, 'p'));
    const Response response = client.Send(request);
    EXPECT_EQ(response.result(), status::request_header_fields_too_large);
    EXPECT_EQ(ProblemCode(response), "header_too_large");
    EXPECT_TRUE(client.ServerClosed());
}

TEST(HttpServer, JunkIs400AndCloses) {
    TestServer server(MakeRouter(), FastLimits());
    for (const char* junk : {"GARBAGE\r\n\r\n", "GET /echo HTTP/9.9\r\n\r\n",
                             "GET /echo HTTP/1.1\r\nBad Header\r\n\r\n",
                             "POST /echo HTTP/1.1\r\nContent-Length: -5\r\n\r\n"}) {
        TestClient client(server.port());
        client.WriteRaw(junk);
        const Response response = client.Read();
        EXPECT_EQ(response.result(), status::bad_request) << junk;
        EXPECT_EQ(ProblemCode(response), "bad_request") << junk;
        EXPECT_TRUE(client.ServerClosed()) << junk;
    }
}

// A request the server cannot frame must not leave its body behind to be read as the next
// request (request smuggling): each case carries a complete second request after its header,
// and only one answer, a 400, may come back before the server closes.
TEST(HttpServer, AmbiguousFramingIs400AndTheSmuggledRequestIsNotAnswered) {
    TestServer server(MakeRouter(), FastLimits());
    const std::string post = "POST /echo HTTP/1.1\r\nHost: x\r\n";
    const std::string empty_chunked_body = "0\r\n\r\n";
    const std::vector<std::string> heads = {
        post + "Transfer-Encoding: gzip\r\n\r\n",
        post + "Transfer-Encoding: identity\r\n\r\n",
        post + "Transfer-Encoding: chunked, gzip\r\n\r\n",
        post + "Transfer-Encoding: gzip, chunked\r\n\r\n" + empty_chunked_body,
        post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n",
        post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + empty_chunked_body,
        post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n" + empty_chunked_body,
        "POST /echo HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + empty_chunked_body,
    };
    const std::string smuggled = "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n";
    for (const std::string& head : heads) {
        TestClient client(server.port());
        client.WriteRaw(head + smuggled);
        const Response response = client.Read();
        EXPECT_EQ(response.result(), status::bad_request) << head;
        EXPECT_EQ(ProblemCode(response), "bad_request") << head;
        EXPECT_FALSE(response.keep_alive()) << head;
        EXPECT_TRUE(client.ServerClosed()) << head << "(the smuggled request was answered)";
    }
}

TEST(HttpServer, ChunkedTransferEncodingIgnoresCase) {
    TestServer server(MakeRouter(), FastLimits());
    TestClient client(server.port());
    client.WriteRaw(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: ChUnKeD\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
    const Response response = client.Read();
    ASSERT_EQ(response.result(), status::ok) << client.error().message();
    EXPECT_EQ(BodyJson(response).at("bytes").as_int64(), 3);
    EXPECT_TRUE(response.keep_alive());
}

TEST(HttpServer, StalledRequestGets408) {
    TestServer server(MakeRouter(), FastLimits());
    TestClient client(server.port());
    const auto start = std::chrono::steady_clock::now();
    client.WriteRaw("GET /echo HTTP/1.1\r\nHost: x\r\n");  // and then nothing
    const Response response = client.Read();
    EXPECT_EQ(response.result(), status::request_timeout);
    EXPECT_EQ(ProblemCode(response), "request_timeout");
    EXPECT_GE(std::chrono::steady_clock::now() - start, 250ms);
    EXPECT_TRUE(client.ServerClosed());
}

TEST(HttpServer, IdleConnectionIsClosedSilently) {
    TestServer server(MakeRouter(), FastLimits());
    TestClient client(server.port());
    ASSERT_EQ(client.Get("/echo").result(), status::ok);
    EXPECT_TRUE(client.ServerClosed());  // after idle_timeout, without a response
}

TEST(HttpServer, ResponderWorksFromAnotherThread) {
    const int before = LaterThreads::Instance().finished();
    TestServer server(MakeRouter());
    TestClient client(server.port());
    for (int i = 0; i < 3; ++i) {
        const Response response = client.Get("/later?i=" + std::to_string(i));
        ASSERT_EQ(response.result(), status::accepted);
        EXPECT_EQ(BodyJson(response).at("target").as_string(), "/later?i=" + std::to_string(i));
    }
    LaterThreads::Instance().WaitUntilFinished(before + 3);
}

TEST(HttpServer, ThrowingHandlerIs500AndServerKeepsServing) {
    TestServer server(MakeRouter());
    TestClient client(server.port());
    const Response response = client.Get("/boom");
    EXPECT_EQ(response.result(), status::internal_server_error);
    EXPECT_EQ(ProblemCode(response), "internal");
    EXPECT_EQ(client.Get("/echo").result(), status::ok);  // same connection still works
    TestClient other(server.port());
    EXPECT_EQ(other.Get("/echo").result(), status::ok);
}

TEST(HttpServer, SecondAnswerIsIgnored) {
    TestServer server(MakeRouter());
    TestClient client(server.port());
    const Response first = client.Get("/twice");
    EXPECT_EQ(BodyJson(first).at("n").as_int64(), 1);
    EXPECT_EQ(client.Get("/echo").result(), status::ok);  // no stray second response in between
}

TEST(HttpServer, DroppedResponderIs500) {
    TestServer server(MakeRouter());
    TestClient client(server.port());
    const Response response = client.Get("/drop");
    EXPECT_EQ(response.result(), status::internal_server_error);
    EXPECT_EQ(client.Get("/echo").result(), status::ok);
}

TEST(HttpServer, UnknownRouteIs404ProblemOverTheWire) {
    TestServer server(MakeRouter());
    TestClient client(server.port());
    const Response response = client.Get("/nope");
    EXPECT_EQ(response.result(), status::not_found);
    EXPECT_EQ(response[beast_http::field::content_type], "application/problem+json");
    EXPECT_TRUE(response.keep_alive());
}

TEST(HttpServer, AHeadAnswerHasTheLengthButNoBody) {
    TestServer server(MakeRouter());
    TestClient client(server.port());
    // The 405 a HEAD gets on a GET route: its problem body's length, and not its bytes, which a
    // client would read as the start of the next answer.
    const Response head = client.Send(TestClient::MakeRequest(verb::head, "/echo"));
    EXPECT_EQ(head.result(), status::method_not_allowed);
    EXPECT_NE(head[beast_http::field::content_length], "0");
    EXPECT_TRUE(head.body().empty());
    EXPECT_TRUE(head.keep_alive());
    const Response next = client.Get("/echo");
    EXPECT_EQ(next.result(), status::ok) << "the connection is still in step";
    EXPECT_EQ(StringField(next, "ip"), "127.0.0.1");
}

TEST(HttpServer, OverConnectionLimitIs503) {
    ServerLimits limits = FastLimits();
    limits.idle_timeout = 5s;
    limits.connections_max = 1;
    TestServer server(MakeRouter(), limits);
    TestClient first(server.port());
    ASSERT_EQ(first.Get("/echo").result(), status::ok);  // now surely registered
    TestClient second(server.port());
    const Response response = second.Get("/echo");
    EXPECT_EQ(response.result(), status::service_unavailable);
    EXPECT_EQ(ProblemCode(response), "overloaded");
    EXPECT_EQ(response[beast_http::field::retry_after], "1");
    EXPECT_TRUE(second.ServerClosed());
    EXPECT_EQ(first.Get("/echo").result(), status::ok);
}

TEST(HttpServer, ManyClientsOnManyThreads) {
    const int before = LaterThreads::Instance().finished();
    TestServer server(MakeRouter(), {}, 2);
    std::atomic<int> ok{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 8; ++c) {
        clients.emplace_back([&] {
            TestClient client(server.port());
            for (int i = 0; i < 50; ++i) {
                const std::string target = "/later?i=" + std::to_string(i);
                const bool later = i % 10 == 0;
                const Response response = client.Get(later ? target : "/echo");
                const bool right = later ? response.result() == status::accepted &&
                                               StringField(response, "target") == target
                                         : response.result() == status::ok &&
                                               StringField(response, "ip") == "127.0.0.1";
                if (right) ++ok;
            }
        });
    }
    for (auto& thread : clients) thread.join();
    EXPECT_EQ(ok.load(), 8 * 50);
    LaterThreads::Instance().WaitUntilFinished(before + 8 * 5);
}

TEST(HttpServer, StopClosesOpenConnections) {
    auto server = std::make_unique<TestServer>(MakeRouter());
    TestClient client(server->port());
    ASSERT_EQ(client.Get("/echo").result(), status::ok);
    server.reset();  // Stop() and join: returns only if every session ended
    EXPECT_TRUE(client.ServerClosed());
}

TEST(HttpServer, StartFailsOnPortInUse) {
    TestServer first(MakeRouter());
    boost::asio::io_context io;
    HttpServer second(io, {boost::asio::ip::make_address("127.0.0.1"), first.port()}, MakeRouter());
    // SO_REUSEADDR does not allow two listeners on one port.
    const auto port = second.Start();
    ASSERT_FALSE(port.ok());
    EXPECT_EQ(port.status().code(), Status::Code::kIoError);
}

// tixd's layout: one io_context per thread, connections dealt round-robin, no strands.
TEST(HttpServer, ServesFromSeveralOneThreadContexts) {
    const int before = LaterThreads::Instance().finished();
    boost::asio::io_context first(1), second(1);
    auto guard_first = boost::asio::make_work_guard(first);
    auto guard_second = boost::asio::make_work_guard(second);
    HttpServer server({&first, &second}, {boost::asio::ip::make_address("127.0.0.1"), 0},
                      MakeRouter());
    const auto port = server.Start();
    ASSERT_TRUE(port.ok());
    std::thread first_thread([&] { first.run(); });
    std::thread second_thread([&] { second.run(); });
    {
        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < 6; ++i) clients.push_back(std::make_unique<TestClient>(*port));
        for (int round = 0; round < 3; ++round) {
            for (auto& client : clients) {
                // /later answers from a foreign thread: the post back must reach the session.
                const bool later = round == 1;
                const Response response = client->Get(later ? "/later" : "/echo");
                ASSERT_EQ(response.result(), later ? status::accepted : status::ok)
                    << client->error().message();
                EXPECT_EQ(StringField(response, later ? "target" : "ip"),
                          later ? "/later" : "127.0.0.1");
            }
        }
        EXPECT_EQ(server.connection_count(), 6u);
    }
    LaterThreads::Instance().WaitUntilFinished(before + 6);
    server.Stop();
    guard_first.reset();
    guard_second.reset();
    first.stop();
    second.stop();
    first_thread.join();
    second_thread.join();
}

}  // namespace
}  // namespace tix::http
