// End-to-end tests of tixd's defences at the edge: requests over a rate limit (per address, per
// account) answered 429 rate_limited with Retry-After, a trusted proxy's X-Forwarded-For, failed
// logins and sign-ups limited, common and simple passwords refused. Each test starts a tixd with
// small limits of its own (and the test clock, to refill buckets without waiting).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

class Guard : public ::testing::Test {
  protected:
    void Start(std::vector<std::string> args) {
        args.push_back("--test-clock");
        server_ = std::make_unique<TixServer>(TixServer::Options{.extra_args = std::move(args)});
        ASSERT_TRUE(server_->ok()) << server_->error();
    }
    TixServer& server() { return *server_; }

    json::value CreateEvent() {
        return Member(server_->CreateEvent(StandardEventDraft()), "event_id");
    }
    Response Events(HttpClient& client, std::string_view forwarded_for = {}) {
        if (forwarded_for.empty()) return client.Get("/api/v1/events");
        return client.Get("/api/v1/events", {{"X-Forwarded-For", std::string(forwarded_for)}});
    }
    Response Login(HttpClient& client, std::string_view email, std::string_view password) {
        return client.Post("/api/v1/auth/login",
                           json::object{{"email", email}, {"password", password}});
    }

    std::unique_ptr<TixServer> server_;
};

::testing::AssertionResult IsRateLimited(const Response& response, std::string_view retry_after) {
    ::testing::AssertionResult problem = IsProblem(response, 429, {"rate_limited"});
    if (!problem) return problem;
    if (response.Header("Retry-After") != retry_after) {
        return ::testing::AssertionFailure() << "Retry-After is '" << response.Header("Retry-After")
                                             << "', not '" << retry_after << "': " << response;
    }
    return ::testing::AssertionSuccess();
}

TEST_F(Guard, OverTheLimitPerAddressIs429WithRetryAfterUntilTheBucketRefills) {
    ASSERT_NO_FATAL_FAILURE(
        Start({"--rate-limit-loopback", "--rate-limit-orders-per-ip", "3/min"}));
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    TestUser fan = server().NewUser("fan");
    ASSERT_TRUE(fan.ok());
    for (int i = 0; i < 3; ++i) ASSERT_EQ(Hold(fan.http(), event_id, kGa, 1).status, 201) << i;
    EXPECT_TRUE(IsRateLimited(Hold(fan.http(), event_id, kGa, 1), "20"));  // a token per 20 s
    // Another user from the same address shares the address's bucket.
    TestUser other = server().NewUser("other");
    ASSERT_TRUE(other.ok());
    EXPECT_TRUE(IsRateLimited(Hold(other.http(), event_id, kGa, 1), "20"));
    // Other classes have buckets of their own.
    EXPECT_EQ(Availability(fan.http(), event_id).status, 200);

    ASSERT_EQ(AdvanceClock(server().admin(), 20).status, 200);
    EXPECT_EQ(Hold(fan.http(), event_id, kGa, 1).status, 201);
    EXPECT_EQ(ZoneAvailability(Availability(fan.http(), event_id).json, kGa).held, 4);
}

TEST_F(Guard, LoopbackIsNotLimitedPerAddressByDefaultButPerAccountItIs) {
    ASSERT_NO_FATAL_FAILURE(
        Start({"--rate-limit-orders-per-ip", "1/min", "--rate-limit-orders-per-account", "2/min"}));
    const json::value event_id = CreateEvent();
    TestUser fan = server().NewUser("fan");
    TestUser other = server().NewUser("other");
    ASSERT_TRUE(fan.ok() && other.ok());
    ASSERT_EQ(Hold(fan.http(), event_id, kGa, 1).status, 201);
    ASSERT_EQ(Hold(fan.http(), event_id, kGa, 1).status, 201);
    EXPECT_TRUE(IsRateLimited(Hold(fan.http(), event_id, kGa, 1), "30"));
    EXPECT_EQ(Hold(other.http(), event_id, kGa, 1).status, 201) << "another account";
    EXPECT_EQ(Hold(other.http(), event_id, kGa, 1).status, 201);
}

TEST_F(Guard, ATrustedProxysForwardedForNamesTheClient) {
    ASSERT_NO_FATAL_FAILURE(
        Start({"--trusted-proxy", "127.0.0.1", "--rate-limit-reads-per-ip", "2/min"}));
    auto proxy = server().NewClient();
    for (int i = 0; i < 2; ++i) ASSERT_EQ(Events(*proxy, "203.0.113.5").status, 200) << i;
    EXPECT_TRUE(IsRateLimited(Events(*proxy, "203.0.113.5"), "30"));
    EXPECT_TRUE(IsRateLimited(Events(*proxy, "198.51.100.1, 203.0.113.5"), "30"))
        << "what the client itself wrote to the left is not believed";
    EXPECT_EQ(Events(*proxy, "203.0.113.6").status, 200) << "another client behind the proxy";
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(Events(*proxy).status, 200) << "the proxy's own requests come from loopback";
    }
}

TEST_F(Guard, ForwardedForFromAnUntrustedPeerIsIgnored) {
    ASSERT_NO_FATAL_FAILURE(Start({"--rate-limit-loopback", "--rate-limit-reads-per-ip", "2/min"}));
    auto client = server().NewClient();
    ASSERT_EQ(Events(*client, "203.0.113.5").status, 200);
    ASSERT_EQ(Events(*client, "203.0.113.6").status, 200);
    EXPECT_TRUE(IsRateLimited(Events(*client, "203.0.113.7"), "30"))
        << "every request counted against 127.0.0.1, whatever the header says";
}

TEST_F(Guard, CommonAndSimplePasswordsAre400WeakPassword) {
    ASSERT_NO_FATAL_FAILURE(Start({}));
    auto client = server().NewClient();
    int n = 0;
    for (const char* weak : {"password", "Password1", "12345678", "iloveyou", "qwertyuiop",
                             "87654321", "abcdefghij", "aaaaaaaaaa", "asdfghjkl", "Sunshine"}) {
        const std::string email = "weak" + std::to_string(n++) + "@blackbox.tix";
        EXPECT_TRUE(IsProblem(client->Register(email, weak, "Weak"), 400, {"weak_password"}))
            << weak;
    }
    EXPECT_EQ(client->Register("strong@blackbox.tix", "otter-river-7", "Strong").status, 201);
}

TEST_F(Guard, FailedLoginsAreLimitedAndAnUnknownEmailIsLimitedTheSame) {
    ASSERT_NO_FATAL_FAILURE(Start({"--rate-limit-failed-logins-per-account", "3/hour"}));
    TestUser fan = server().NewUser("fan");
    ASSERT_TRUE(fan.ok());
    auto client = server().NewClient();
    for (const std::string& email : {fan.email, std::string("nobody@blackbox.tix")}) {
        for (int i = 0; i < 3; ++i) {
            EXPECT_TRUE(
                IsProblem(Login(*client, email, "not-the-password"), 401, {"bad_credentials"}));
        }
    }
    const Response known = Login(*client, fan.email, "not-the-password");
    const Response unknown = Login(*client, "nobody@blackbox.tix", "not-the-password");
    EXPECT_TRUE(IsRateLimited(known, "1200"));
    EXPECT_TRUE(IsRateLimited(unknown, "1200"));
    EXPECT_EQ(known.body, unknown.body) << "a 429 tells nothing about which emails exist";
    // While the email's bucket is empty even the right password waits.
    EXPECT_TRUE(IsRateLimited(Login(*client, fan.email, fan.password), "1200"));
    ASSERT_EQ(AdvanceClock(server().admin(), 1'200).status, 200);
    EXPECT_EQ(Login(*client, fan.email, fan.password).status, 200);
}

TEST_F(Guard, SignUpsPerAddressAreLimitedWithTheLoopbackSwitch) {
    ASSERT_NO_FATAL_FAILURE(
        Start({"--rate-limit-loopback", "--rate-limit-registrations-per-ip", "2/hour"}));
    auto client = server().NewClient();
    EXPECT_EQ(client->Register("one@blackbox.tix", "otter-river-7", "One").status, 201);
    EXPECT_EQ(client->Register("two@blackbox.tix", "otter-river-7", "Two").status, 201);
    EXPECT_TRUE(
        IsRateLimited(client->Register("three@blackbox.tix", "otter-river-7", "Three"), "1800"));
}

}  // namespace
}  // namespace tix::test
