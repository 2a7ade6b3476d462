#include "http/request_guard.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "http/problem_catalog.h"
#include "http/router.h"
#include "http/testing.h"

namespace tix::http {
namespace {

using beast_http::status;
using beast_http::verb;
using std::chrono::milliseconds;
using std::chrono::seconds;
using test_support::BodyJson;
using test_support::ProblemCode;

constexpr guard::TimePoint kStart{milliseconds{1'796'467'800'000}};
constexpr std::size_t kOrders = static_cast<std::size_t>(EndpointClass::kOrders);
constexpr std::size_t kReads = static_cast<std::size_t>(EndpointClass::kReads);
constexpr std::size_t kStatic = static_cast<std::size_t>(EndpointClass::kStatic);

// A router with one route of each kind behind a guard on a fake clock. Tokens "user-7",
// "user-8" and "admin-1" are valid; the verifier counts its calls.
class RequestGuardTest : public ::testing::Test {
  protected:
    void Build(RequestLimits limits) {
        auto guard = std::make_shared<RequestGuard>(
            std::move(limits), [this] { return now_.load(); }, std::array<std::uint64_t, 2>{1, 2});
        guard_ = guard.get();
        router_ = std::make_unique<Router>(
            [this](std::string_view token) -> std::optional<Principal> {
                ++verifications_;
                if (token == "user-7") return Principal{UserId{7}, Role::kUser};
                if (token == "user-8") return Principal{UserId{8}, Role::kUser};
                if (token == "admin-1") return Principal{UserId{1}, Role::kAdmin};
                return std::nullopt;
            },
            std::move(guard));
        const Handler ok = [this](RequestContext& context, Responder respond) {
            handled_ip_ = context.client_ip;
            respond(JsonResponse(status::ok, {{"ok", true}}));
        };
        router_->Add(verb::post, "/api/v1/orders", Access::kUser, ok);
        router_->Add(verb::get, "/api/v1/events", Access::kPublic, ok);
    }

    // Every limit off but the one a test sets.
    static RequestLimits NoLimits() {
        RequestLimits limits;
        limits.per_ip.fill(guard::Rate::Off());
        limits.per_account.fill(guard::Rate::Off());
        return limits;
    }

    Response Send(verb method, std::string_view target, std::string_view ip,
                  std::string_view token = {}, std::string_view forwarded_for = {}) {
        RequestContext context;
        context.request = Request(method, target, 11);
        context.client_ip = std::string(ip);
        if (!token.empty()) {
            context.request.set(beast_http::field::authorization, "Bearer " + std::string(token));
        }
        if (!forwarded_for.empty()) context.request.set("X-Forwarded-For", forwarded_for);
        Response answer;
        router_->Dispatch(context, Responder([&answer](Response r) { answer = std::move(r); }));
        return answer;
    }
    Response Hold(std::string_view ip, std::string_view token = "user-7") {
        return Send(verb::post, "/api/v1/orders", ip, token);
    }

    std::atomic<guard::TimePoint> now_{kStart};
    std::unique_ptr<Router> router_;
    RequestGuard* guard_ = nullptr;
    std::atomic<int> verifications_{0};
    std::string handled_ip_;
};

TEST_F(RequestGuardTest, OverTheLimitPerAddressIs429WithRetryAfterUntilTheBucketRefills) {
    RequestLimits limits = NoLimits();
    limits.per_ip[kOrders] = {60, std::chrono::minutes{1}, 2};
    Build(std::move(limits));
    EXPECT_EQ(Hold("203.0.113.5").result(), status::ok);
    EXPECT_EQ(Hold("203.0.113.5").result(), status::ok);
    const Response refused = Hold("203.0.113.5");
    EXPECT_EQ(refused.result(), status::too_many_requests);
    EXPECT_EQ(ProblemCode(refused), "rate_limited");
    EXPECT_EQ(refused[beast_http::field::content_type], "application/problem+json");
    EXPECT_EQ(refused[beast_http::field::retry_after], "1");
    EXPECT_EQ(BodyJson(refused).at("detail").as_string(),
              "too many orders requests from this address");

    EXPECT_EQ(Hold("203.0.113.6").result(), status::ok) << "another address, another bucket";
    now_ = kStart + milliseconds{999};
    EXPECT_EQ(Hold("203.0.113.5").result(), status::too_many_requests);
    now_ = kStart + seconds{1};
    EXPECT_EQ(Hold("203.0.113.5").result(), status::ok);
}

TEST_F(RequestGuardTest, EachClassHasItsOwnBucket) {
    RequestLimits limits = NoLimits();
    limits.per_ip[kOrders] = {1, std::chrono::minutes{1}, 1};
    limits.per_ip[kReads] = {1, std::chrono::minutes{1}, 1};
    Build(std::move(limits));
    EXPECT_EQ(Hold("203.0.113.5").result(), status::ok);
    EXPECT_EQ(Hold("203.0.113.5").result(), status::too_many_requests);
    EXPECT_EQ(Send(verb::get, "/api/v1/events", "203.0.113.5").result(), status::ok);
    EXPECT_EQ(Send(verb::get, "/api/v1/events", "203.0.113.5").result(), status::too_many_requests);
    // Paths no route has count as reads: a flood of 404s is limited too.
    EXPECT_EQ(Send(verb::get, "/nowhere", "203.0.113.6").result(), status::not_found);
    EXPECT_EQ(Send(verb::get, "/nowhere", "203.0.113.6").result(), status::too_many_requests);
}

TEST_F(RequestGuardTest, FilesHaveTheirOwnBucketAndNeverTheAccounts) {
    RequestLimits limits = NoLimits();
    limits.per_ip[kStatic] = {1, std::chrono::minutes{1}, 1};
    limits.per_ip[kReads] = {1, std::chrono::minutes{1}, 1};
    limits.per_account[kReads] = {1, std::chrono::minutes{1}, 1};
    Build(std::move(limits));
    router_->SetFallback({"api"}, [](RequestContext&, Responder respond) {
        respond(JsonResponse(status::ok, {{"file", true}}));
    });
    EXPECT_EQ(Send(verb::get, "/events/3", "203.0.113.5", "user-7").result(), status::ok);
    const Response refused = Send(verb::get, "/index.html", "203.0.113.5");
    EXPECT_EQ(refused.result(), status::too_many_requests);
    EXPECT_EQ(BodyJson(refused).at("detail").as_string(),
              "too many static requests from this address");
    // The page loads took nothing from the address's reads nor the account's.
    EXPECT_EQ(Send(verb::get, "/api/v1/events", "203.0.113.5", "user-7").result(), status::ok);
    EXPECT_EQ(verifications_, 1) << "no token is verified for a file";
}

TEST_F(RequestGuardTest, LoopbackIsLimitedPerAddressOnlyWhenConfigured) {
    RequestLimits limits = NoLimits();
    limits.per_ip[kOrders] = {1, std::chrono::minutes{1}, 1};
    Build(limits);
    for (const char* local : {"127.0.0.1", "127.0.0.2", "::1"}) {
        for (int i = 0; i < 10; ++i) EXPECT_EQ(Hold(local).result(), status::ok) << local;
    }
    limits.limit_loopback = true;
    Build(std::move(limits));
    EXPECT_EQ(Hold("127.0.0.1").result(), status::ok);
    EXPECT_EQ(Hold("127.0.0.1").result(), status::too_many_requests);
}

TEST_F(RequestGuardTest, ARequestRefusedPerAddressCostsNoTokenCheck) {
    RequestLimits limits = NoLimits();
    limits.per_ip[kOrders] = {1, std::chrono::minutes{1}, 1};
    Build(std::move(limits));
    EXPECT_EQ(Hold("203.0.113.5").result(), status::ok);
    EXPECT_EQ(verifications_.load(), 1);
    for (int i = 0; i < 5; ++i) EXPECT_EQ(Hold("203.0.113.5").result(), status::too_many_requests);
    EXPECT_EQ(verifications_.load(), 1);
}

TEST_F(RequestGuardTest, TheAccountLimitAppliesOnceTheTokenIsVerifiedAndOnLoopbackToo) {
    RequestLimits limits = NoLimits();
    limits.per_account[kOrders] = {60, std::chrono::minutes{1}, 2};
    Build(std::move(limits));
    // The same account from three addresses shares one bucket.
    EXPECT_EQ(Hold("127.0.0.1").result(), status::ok);
    EXPECT_EQ(Hold("203.0.113.5").result(), status::ok);
    const Response refused = Hold("198.51.100.7");
    EXPECT_EQ(refused.result(), status::too_many_requests);
    EXPECT_EQ(refused[beast_http::field::retry_after], "1");
    EXPECT_EQ(BodyJson(refused).at("detail").as_string(),
              "too many orders requests for this account");
    EXPECT_EQ(Hold("127.0.0.1", "user-8").result(), status::ok) << "another account";
    EXPECT_EQ(Hold("127.0.0.1", "admin-1").result(), status::ok);
    // An invalid token is 401 as before, and takes nothing from any account.
    EXPECT_EQ(Hold("127.0.0.1", "forged").result(), status::unauthorized);
    EXPECT_EQ(Hold("127.0.0.1", "user-8").result(), status::ok);
    EXPECT_EQ(Hold("127.0.0.1", "user-8").result(), status::too_many_requests);
}

TEST_F(RequestGuardTest, ATrustedProxysForwardedForNamesTheClient) {
    RequestLimits limits = NoLimits();
    limits.per_ip[kReads] = {1, std::chrono::minutes{1}, 1};
    limits.trusted_proxies = {ParseIpAddress("127.0.0.1").value()};
    Build(std::move(limits));
    const auto get = [this](std::string_view peer, std::string_view forwarded_for) {
        return Send(verb::get, "/api/v1/events", peer, {}, forwarded_for);
    };
    EXPECT_EQ(get("127.0.0.1", "203.0.113.5").result(), status::ok);
    EXPECT_EQ(handled_ip_, "203.0.113.5") << "handlers see the client, not the proxy";
    EXPECT_EQ(get("127.0.0.1", "203.0.113.5").result(), status::too_many_requests);
    EXPECT_EQ(get("127.0.0.1", "203.0.113.6").result(), status::ok);
    // The proxy itself is loopback, so not limited per address by default.
    for (int i = 0; i < 3; ++i) EXPECT_EQ(get("127.0.0.1", "").result(), status::ok);
    // Not a trusted proxy: its X-Forwarded-For is ignored, and its own bucket counts.
    EXPECT_EQ(get("198.51.100.7", "203.0.113.9").result(), status::ok);
    EXPECT_EQ(handled_ip_, "198.51.100.7");
    EXPECT_EQ(get("198.51.100.7", "203.0.113.10").result(), status::too_many_requests);
}

TEST_F(RequestGuardTest, TheDefaultsLetAFansPaceThrough) {
    Build(RequestLimits{});
    // A fan refreshing and buying as fast as a person can: far below every default.
    for (int second = 0; second < 120; ++second) {
        now_ = kStart + seconds{second};
        ASSERT_EQ(Send(verb::get, "/api/v1/events", "203.0.113.5", "user-7").result(), status::ok);
        if (second % 10 == 0) {
            ASSERT_EQ(Hold("203.0.113.5").result(), status::ok);
        }
    }
    EXPECT_TRUE(guard_->LimitsAddress(ParseIpAddress("203.0.113.5").value()));
    EXPECT_FALSE(guard_->LimitsAddress(ParseIpAddress("127.0.0.1").value()));
}

}  // namespace
}  // namespace tix::http
