// End-to-end tests of sessions and bans (issue 8 §3): refresh tokens rotate, survive a restart and
// refuse a used one; a ban shuts an account out at once (its access tokens, its refresh tokens,
// its password) and lasts; `--demo` off loopback gives the demo admin a generated password.
#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>
#include <string>
#include <thread>

#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

constexpr char kDemoAdminEmail[] = "admin@tix.local";
constexpr char kDemoAdminPublishedPassword[] = "tix-admin-2026";

Response LoginAs(HttpClient& client, std::string_view email, std::string_view password) {
    return client.Post("/api/v1/auth/login",
                       json::object{{"email", email}, {"password", password}});
}
Response Refresh(HttpClient& client, std::string_view refresh_token) {
    return client.Post("/api/v1/auth/refresh", json::object{{"refresh_token", refresh_token}});
}
// GET /api/v1/auth/me with `access_token` (the client's own token is left as it was).
Response MeWith(TixServer& server, std::string_view access_token) {
    auto client = server.NewClient();
    client->set_token(std::string(access_token));
    return client->Get("/api/v1/auth/me");
}
Response Ban(HttpClient& client, const json::value& user_id) {
    return client.PostEmpty("/api/v1/admin/users/" + IdText(user_id) + "/ban");
}

using Auth = TixTest;

// A new user logged in on a client of its own: `login` holds its first refresh token.
struct LoggedIn {
    TestUser user;
    std::unique_ptr<HttpClient> client;
    Response login;
};
LoggedIn LogInNewUser(TixServer& server, std::string_view tag) {
    LoggedIn session{server.NewUser(tag), server.NewClient(), {}};
    EXPECT_TRUE(session.user.ok());
    session.login = LoginAs(*session.client, session.user.email, session.user.password);
    EXPECT_EQ(session.login.status, 200) << session.login;
    return session;
}

TEST_F(Auth, ARefreshTokenRotatesAndStillWorksAfterARestart) {
    LoggedIn session = LogInNewUser(server(), "fan");
    ASSERT_FALSE(HasFailure());
    const TestUser& fan = session.user;
    HttpClient* client = session.client.get();
    const Response& login = session.login;
    const std::string first = GetString(login.json, "refresh_token");
    ASSERT_FALSE(first.empty()) << login;
    EXPECT_GT(GetInt(login.json, "refresh_expires_in"), GetInt(login.json, "expires_in"));

    const Response refreshed = Refresh(*client, first);
    ASSERT_EQ(refreshed.status, 200) << refreshed;
    const std::string second = GetString(refreshed.json, "refresh_token");
    EXPECT_NE(second, first);
    EXPECT_EQ(Member(refreshed.json, "user_id"), fan.user_id);
    EXPECT_EQ(MeWith(server(), GetString(refreshed.json, "access_token")).status, 200);

    EXPECT_TRUE(IsProblem(Refresh(*client, first), 401, {"invalid_refresh_token"}))
        << "a refresh token works once";
    const Response again = Refresh(*client, second);
    ASSERT_EQ(again.status, 200) << again;
    const std::string third = GetString(again.json, "refresh_token");

    ASSERT_TRUE(server().Stop().Clean());
    ASSERT_TRUE(server().Restart()) << server().error();
    auto after = server().NewClient();
    const Response restarted = Refresh(*after, third);
    ASSERT_EQ(restarted.status, 200) << restarted;
    EXPECT_EQ(MeWith(server(), GetString(restarted.json, "access_token")).status, 200);
    EXPECT_TRUE(IsProblem(Refresh(*after, second), 401, {"invalid_refresh_token"}));
}

// Two requests with one refresh token at once (two tabs): exactly one gets a new pair.
TEST_F(Auth, OfTwoConcurrentRefreshesWithOneTokenExactlyOneSucceeds) {
    LoggedIn session = LogInNewUser(server(), "fan");
    ASSERT_FALSE(HasFailure());
    HttpClient* client = session.client.get();
    const std::string token = GetString(session.login.json, "refresh_token");
    std::array<std::unique_ptr<HttpClient>, 2> clients{server().NewClient(), server().NewClient()};
    // Connected before they race, so that neither is held up by its connect.
    for (auto& each : clients) ASSERT_EQ(each->Get("/health").status, 200);
    std::array<Response, 2> answers;
    std::array<std::thread, 2> threads;
    for (std::size_t i = 0; i < threads.size(); ++i) {
        threads[i] = std::thread([&, i] { answers[i] = Refresh(*clients[i], token); });
    }
    for (std::thread& thread : threads) thread.join();
    const int winners = (answers[0].status == 200) + (answers[1].status == 200);
    ASSERT_EQ(winners, 1) << answers[0] << "\n" << answers[1];
    const Response& winner = answers[0].status == 200 ? answers[0] : answers[1];
    const Response& loser = answers[0].status == 200 ? answers[1] : answers[0];
    EXPECT_TRUE(IsProblem(loser, 401, {"invalid_refresh_token"}));
    EXPECT_EQ(Refresh(*client, GetString(winner.json, "refresh_token")).status, 200)
        << "the loser's refusal does not log the winner out";
}

TEST_F(Auth, ABanShutsTheAccountOutAtOnceAndLasts) {
    LoggedIn banned_session = LogInNewUser(server(), "fan");
    TestUser other = server().NewUser("other");
    ASSERT_TRUE(!HasFailure() && other.ok());
    TestUser& fan = banned_session.user;
    HttpClient* session = banned_session.client.get();
    const Response& login = banned_session.login;
    ASSERT_EQ(fan.http().Get("/api/v1/orders").status, 200);

    // Only an admin bans, nobody unknown, and not themselves.
    EXPECT_TRUE(IsProblem(Ban(other.http(), fan.user_id), 403, {"forbidden"}));
    EXPECT_TRUE(IsProblem(Ban(server().admin(), json::value(999'999)), 404, {"unknown_user"}));
    const Response admin_me = server().admin().Get("/api/v1/auth/me");
    ASSERT_EQ(admin_me.status, 200) << admin_me;
    EXPECT_TRUE(IsProblem(Ban(server().admin(), Member(admin_me.json, "user_id")), 409,
                          {"cannot_ban_self"}));

    const Response banned = Ban(server().admin(), fan.user_id);
    ASSERT_EQ(banned.status, 200) << banned;
    EXPECT_EQ(Member(banned.json, "user_id"), fan.user_id);
    EXPECT_EQ(GetString(banned.json, "email"), fan.email);
    EXPECT_TRUE(GetTime(banned.json, "banned_at").has_value()) << banned;

    // At once: the token it is using (the server remembers it), its refresh token, its password.
    EXPECT_TRUE(IsProblem(fan.http().Get("/api/v1/orders"), 401, {"unauthorized"}));
    EXPECT_TRUE(IsProblem(MeWith(server(), GetString(login.json, "access_token")), 401));
    EXPECT_TRUE(IsProblem(Refresh(*session, GetString(login.json, "refresh_token")), 401,
                          {"invalid_refresh_token"}));
    EXPECT_TRUE(IsProblem(LoginAs(*session, fan.email, fan.password), 401, {"bad_credentials"}));
    EXPECT_EQ(other.http().Get("/api/v1/orders").status, 200) << "nobody else";
    // Banning again is no error.
    const Response again = Ban(server().admin(), fan.user_id);
    ASSERT_EQ(again.status, 200) << again;
    EXPECT_EQ(GetString(again.json, "banned_at"), GetString(banned.json, "banned_at"));

    ASSERT_TRUE(server().Stop().Clean());
    ASSERT_TRUE(server().Restart()) << server().error();
    auto after = server().NewClient();
    EXPECT_TRUE(IsProblem(LoginAs(*after, fan.email, fan.password), 401, {"bad_credentials"}));
    after->set_token(fan.http().token());
    EXPECT_TRUE(IsProblem(after->Get("/api/v1/orders"), 401, {"unauthorized"}));
    EXPECT_EQ(LoginAs(*after, other.email, other.password).status, 200);
}

// The admin's line of what `--demo` prints: "admin: <email> / <password>". (No std::regex: g++ 12
// warns inside it in the sanitizer build.)
std::string PrintedAdminPassword(const std::string& log) {
    const std::string prefix = std::string("admin: ") + kDemoAdminEmail + " / ";
    const std::size_t at = log.find(prefix);
    if (at == std::string::npos) return "";
    const std::size_t begin = at + prefix.size();
    return log.substr(begin, log.find_first_of(" \n", begin) - begin);
}

std::size_t Occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++count;
    }
    return count;
}

// tixd listens on every interface here (0.0.0.0, an ephemeral port); the test talks to it on
// 127.0.0.1 only.
TEST(AuthDemo, OffLoopbackTheDemoAdminGetsAGeneratedPasswordPrintedOnce) {
    TempDir data;
    std::string generated;
    {
        TixdProcess open(
            {.data_dir = data.path(), .extra_args = {"--demo"}, .listen_host = "0.0.0.0"});
        ASSERT_TRUE(open.started()) << open.error();
        const std::string log = open.LogTail(1'000'000);
        generated = PrintedAdminPassword(log);
        ASSERT_EQ(generated.size(), 20u) << log;
        EXPECT_EQ(Occurrences(log, generated), 1u) << "printed once, and not logged: " << log;
        HttpClient client(open.port());
        EXPECT_TRUE(IsProblem(LoginAs(client, kDemoAdminEmail, kDemoAdminPublishedPassword), 401,
                              {"bad_credentials"}));
        const Response login = LoginAs(client, kDemoAdminEmail, generated);
        ASSERT_EQ(login.status, 200) << login;
        EXPECT_EQ(GetString(login.json, "role"), "admin");
        ASSERT_TRUE(open.Terminate().Clean());
    }
    // Back on loopback, the published password is the admin's again, and the generated one is not.
    TixdProcess local({.data_dir = data.path(), .extra_args = {"--demo"}});
    ASSERT_TRUE(local.started()) << local.error();
    EXPECT_EQ(PrintedAdminPassword(local.LogTail(1'000'000)), kDemoAdminPublishedPassword);
    HttpClient client(local.port());
    EXPECT_EQ(LoginAs(client, kDemoAdminEmail, kDemoAdminPublishedPassword).status, 200);
    EXPECT_TRUE(IsProblem(LoginAs(client, kDemoAdminEmail, generated), 401, {"bad_credentials"}));
}

}  // namespace
}  // namespace tix::test
