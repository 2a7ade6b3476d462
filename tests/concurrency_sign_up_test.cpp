// A sign-up rush and a login rush at the real password cost: 200 people register at the same
// moment, then the same 200 log in at the same moment, each on a connection of its own. Password
// hashing is slow by design and runs on a small pool, but its queue is bounded by waiting time
// (seconds of work), not by a short job count, so every one of them must be served: 201 and 200,
// never 503.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "support/parallel.h"
#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

constexpr int kPeople = 200;
// The server may queue a hash for up to 30 s of work; a client that gave up sooner would turn a
// slow answer into a failure. (On this 2-core machine all 200 take ~3 s.)
constexpr std::chrono::milliseconds kPatientClientTimeout{60'000};

class SignUpRush : public TixTest {
  protected:
    TixServer::Options ServerOptions() const override {
        TixServer::Options options;
        options.password_cost = "standard";  // what production uses, not the tests' minimum
        return options;
    }

    static std::string Email(int i) { return "rush-" + std::to_string(i) + "@blackbox.tix"; }
    static std::string Password(int i) { return "rush-password-" + std::to_string(i); }
};

TEST_F(SignUpRush, TwoHundredAtOnceAllRegisterThenAllLogIn) {
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < kPeople; ++i) {
        clients.push_back(std::make_unique<HttpClient>(server().port(), kPatientClientTimeout));
    }

    std::vector<Response> registered(kPeople);
    RunTogether(kPeople, [&](int i) {
        registered[i] = clients[i]->Register(Email(i), Password(i), "Rush " + std::to_string(i));
    });
    int created = 0;
    for (int i = 0; i < kPeople; ++i) {
        EXPECT_EQ(registered[i].status, 201) << registered[i];
        created += registered[i].status == 201 ? 1 : 0;
    }
    ASSERT_EQ(created, kPeople);

    std::vector<Response> logged_in(kPeople);
    RunTogether(kPeople, [&](int i) {
        logged_in[i] = clients[i]->Post(
            "/api/v1/auth/login", json::object{{"email", Email(i)}, {"password", Password(i)}});
    });
    for (int i = 0; i < kPeople; ++i) {
        ASSERT_EQ(logged_in[i].status, 200) << logged_in[i];
        const json::value* token = Find(logged_in[i].json, "access_token");
        ASSERT_TRUE(token != nullptr && token->is_string()) << logged_in[i];
        // The token is the account that registered: the same user_id.
        EXPECT_EQ(Member(logged_in[i].json, "user_id"), Member(registered[i].json, "user_id"));
        clients[i]->set_token(std::string(token->as_string()));
    }
    const Response me = clients[kPeople - 1]->Get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200) << me;
    EXPECT_EQ(GetString(me.json, "email"), Email(kPeople - 1));
}

}  // namespace
}  // namespace tix::test
