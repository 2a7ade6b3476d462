// The WebSocket side of HttpServer, with a real Beast client on 127.0.0.1: the upgrade's checks,
// ping/pong, broadcasts, slow readers, the personal queue's bound, idle and server-stop closes.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/problem_catalog.h"
#include "http/router.h"
#include "http/server.h"
#include "http/testing.h"
#include "http/websocket_testing.h"
#include "push/local_push_hub.h"

namespace tix::http {
namespace {

using beast_http::status;
using test_support::ProblemCode;
using test_support::TestClient;
using test_support::TestServer;
using test_support::TestWebSocket;
using namespace std::chrono_literals;

constexpr UserId kAna{7};
const push::Frame kWelcome = push::MakeFrame("welcome", {});

// Waits for a condition that only time brings about (an idle timeout), checking every 5 ms;
// false once `timeout` passed without it.
template <typename Condition>
bool WaitUntil(Condition condition, std::chrono::milliseconds timeout = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

// A server with /ws/topics/{name} (public; "missing" is refused with 404) and /ws/private (users
// only), both subscribing to "topic:<name>" and greeting with a welcome frame: a client that has
// read it is subscribed (the server subscribes before it writes anything).
class WebSocketServer : public ::testing::Test {
  protected:
    void SetUp() override { Start({}); }

    void Start(ServerLimits limits) {
        server_.reset();
        auto router =
            std::make_shared<Router>([](std::string_view token) -> std::optional<Principal> {
                if (token == "ana-token") return Principal{kAna, Role::kUser};
                return std::nullopt;
            });
        router->AddWebSocket(
            "/ws/topics/{name}", Access::kPublic,
            [this](RequestContext& context, UpgradeResponder respond) {
                if (context.Param("name") == "missing") {
                    return respond.Refuse(ProblemResponse(Problem::kNotFound, "no such topic"));
                }
                respond.Accept(Plan("topic:" + std::string(context.Param("name")), context));
            });
        router->AddWebSocket("/ws/private", Access::kUser,
                             [this](RequestContext& context, UpgradeResponder respond) {
                                 respond.Accept(Plan("topic:private", context));
                             });
        server_ = std::make_unique<TestServer>(router, limits);
    }

    WebSocketPlan Plan(push::Topic topic, const RequestContext& context) {
        return WebSocketPlan{.hub = &hub_,
                             .topics = {std::move(topic)},
                             .user = context.principal ? context.principal->user_id : UserId{},
                             .initial = {{push::Slot::kQueuePosition, kWelcome}}};
    }

    // A client that completed the upgrade and read its welcome.
    std::unique_ptr<TestWebSocket> Open(std::string_view target) {
        auto socket = std::make_unique<TestWebSocket>(server_->port());
        const Response response = socket->Handshake(target);
        EXPECT_EQ(response.result(), status::switching_protocols) << response.body();
        EXPECT_EQ(socket->Read(), *kWelcome);
        return socket;
    }

    push::LocalPushHub hub_;  // outlives the server's connections
    std::unique_ptr<TestServer> server_;
};

TEST_F(WebSocketServer, BadTokenIsRefusedWith401BeforeTheUpgrade) {
    for (const char* target :
         {"/ws/private?token=forged", "/ws/private", "/ws/topics/a?token=forged"}) {
        TestWebSocket socket(server_->port());
        const Response response = socket.Handshake(target);
        EXPECT_EQ(response.result(), status::unauthorized) << target;
        EXPECT_EQ(ProblemCode(response), "unauthorized") << target;
    }
    EXPECT_EQ(hub_.SubscriberCount("topic:private"), 0u);
}

TEST_F(WebSocketServer, AValidTokenNamesTheSubscriber) {
    const auto socket = Open("/ws/private?token=ana-token");
    hub_.SendTo("topic:private", kAna, push::MakeFrame("bid_accepted", {{"bid", 1}}));
    EXPECT_EQ(socket->Read(), R"({"event":"bid_accepted","data":{"bid":1}})");
}

TEST_F(WebSocketServer, HandlerRefusalIsAnHttpAnswer) {
    TestWebSocket socket(server_->port());
    const Response response = socket.Handshake("/ws/topics/missing");
    EXPECT_EQ(response.result(), status::not_found);
    EXPECT_EQ(ProblemCode(response), "not_found");
}

TEST_F(WebSocketServer, PlainGetOfAWebSocketPathIs426) {
    TestClient client(server_->port());
    const Response response = client.Get("/ws/topics/a");
    EXPECT_EQ(response.result(), status::upgrade_required);
    EXPECT_EQ(ProblemCode(response), "upgrade_required");
}

TEST_F(WebSocketServer, UpgradeOfAPathWithoutWebSocketIs404) {
    TestWebSocket socket(server_->port());
    EXPECT_EQ(socket.Handshake("/ws/elsewhere").result(), status::not_found);
}

TEST_F(WebSocketServer, PingGetsPong) {
    const auto socket = Open("/ws/topics/a");
    ASSERT_TRUE(socket->Write(R"({"event":"ping"})"));
    EXPECT_EQ(socket->Read(), R"({"event":"pong","data":{}})");
    ASSERT_TRUE(socket->Write(R"({"event":"something else"})"));  // ignored
    ASSERT_TRUE(socket->Write(R"({"event":"ping"})"));
    EXPECT_EQ(socket->Read(), R"({"event":"pong","data":{}})");
}

TEST_F(WebSocketServer, BroadcastReachesEveryClient) {
    std::vector<std::unique_ptr<TestWebSocket>> sockets;
    for (int i = 0; i < 8; ++i) sockets.push_back(Open("/ws/topics/a"));
    const auto elsewhere = Open("/ws/topics/b");
    ASSERT_EQ(hub_.SubscriberCount("topic:a"), 8u);
    const push::Frame ranking = push::MakeFrame("ranking_update", {{"tick", 1}});
    hub_.Publish("topic:a", push::Slot::kRanking, ranking);
    for (const auto& socket : sockets) EXPECT_EQ(socket->Read(), *ranking);
    // The other topic's client got nothing: its next message is the answer to its ping.
    ASSERT_TRUE(elsewhere->Write(R"({"event":"ping"})"));
    EXPECT_EQ(elsewhere->Read(), R"({"event":"pong","data":{}})");
}

// Frames big enough that a client which never reads fills its TCP buffers after a few.
push::Frame BigRanking(int tick) {
    return push::MakeFrame("ranking_update",
                           {{"tick", tick}, {"padding", std::string(512 * 1024, 'x')}});
}

int TickOf(const std::string& text) {
    return static_cast<int>(boost::json::parse(text).at("data").at("tick").as_int64());
}

TEST_F(WebSocketServer, ASlowReaderDoesNotStallOthersAndGetsOnlyTheLatest) {
    const auto slow = Open("/ws/topics/a");
    const auto fast = Open("/ws/topics/a");
    constexpr int kTicks = 60;  // 30 MiB: more than loopback buffers hold for the slow one
    for (int tick = 1; tick <= kTicks; ++tick) {
        hub_.Publish("topic:a", push::Slot::kRanking, BigRanking(tick));
        const std::optional<std::string> got = fast->Read();
        ASSERT_TRUE(got) << "fast reader stalled at tick " << tick << ": "
                         << fast->error().message();
        ASSERT_EQ(TickOf(*got), tick);
    }
    // Now the slow one reads: what its socket took before it filled up, then the latest.
    int frames = 0;
    int last = 0;
    while (last != kTicks) {
        const std::optional<std::string> got = slow->Read();
        ASSERT_TRUE(got) << slow->error().message();
        ++frames;
        last = TickOf(*got);
    }
    EXPECT_LT(frames, kTicks) << "nothing was coalesced";
}

TEST_F(WebSocketServer, OverflowingThePersonalQueueClosesWithTryAgainLater) {
    const auto slow = Open("/ws/private?token=ana-token");
    const push::Frame big =
        push::MakeFrame("bid_accepted", {{"padding", std::string(1 << 20, 'x')}});
    // Until the socket gives up: its TCP buffers take several, then one is stuck in flight and
    // the queue fills behind it.
    const bool closed = WaitUntil([&] {
        for (int i = 0; i < 8; ++i) hub_.SendTo("topic:private", kAna, big);
        return hub_.SubscriberCount("topic:private") == 0;
    });
    ASSERT_TRUE(closed) << "the socket never overflowed";
    EXPECT_TRUE(slow->WaitForClose());
    EXPECT_EQ(slow->close_code(), 1013);
}

TEST_F(WebSocketServer, AnUnresponsiveSocketIsClosedWhenIdle) {
    ServerLimits limits;
    limits.websocket_idle_timeout = 200ms;
    Start(limits);
    const auto silent = Open("/ws/topics/a");
    // It never reads, so it never answers the server's ping.
    ASSERT_TRUE(WaitUntil([&] { return server_->server().connection_count() == 0; }));
    EXPECT_EQ(hub_.SubscriberCount("topic:a"), 0u);
    EXPECT_FALSE(silent->Read(2s));
}

TEST_F(WebSocketServer, AClientThatAnswersPingsStaysOpenPastTheIdleTimeout) {
    ServerLimits limits;
    limits.websocket_idle_timeout = 200ms;
    Start(limits);
    const auto socket = Open("/ws/topics/a");
    // Reading answers the server's control pings (Beast does); the read ends only when the
    // publish comes, well past the idle timeout.
    std::thread publisher([&] {
        std::this_thread::sleep_for(600ms);  // the behaviour under test is time itself
        hub_.Publish("topic:a", push::Slot::kRanking, push::MakeFrame("late", {}));
    });
    EXPECT_EQ(socket->Read(), R"({"event":"late","data":{}})");
    publisher.join();
}

TEST_F(WebSocketServer, WebSocketsCountAsConnectionsAndStopClosesThem) {
    ServerLimits limits;
    limits.connections_max = 1;
    Start(limits);
    const auto socket = Open("/ws/topics/a");
    TestClient second(server_->port());
    EXPECT_EQ(second.Get("/ws/topics/a").result(), status::service_unavailable);
    server_->server().Stop();
    EXPECT_TRUE(socket->WaitForClose());
    EXPECT_TRUE(WaitUntil([&] { return hub_.SubscriberCount("topic:a") == 0; }));
}

}  // namespace
}  // namespace tix::http
