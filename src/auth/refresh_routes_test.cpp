// POST /api/v1/auth/refresh and /logout, and the refresh tokens that sign-ups and logins hand
// out, through the real routes on a real server.
#include "auth/refresh_routes.h"

#include <gtest/gtest.h>

#include <array>
#include <thread>

#include "auth/auth_server_testing.h"
#include "auth/sync_testing.h"

namespace tix::auth {
namespace {

using namespace test_support;  // AuthServerTest, and what answers are read with

constexpr std::int64_t kThirtyDaysS = 30 * 86'400;

class RefreshRoutesTest : public AuthServerTest {
  protected:
    // Logs in as `email` (registered first) and returns the answer's body.
    boost::json::object Session(std::string_view email) {
        SignUp(email);
        const Response login = Login(email);
        EXPECT_EQ(login.result(), status::ok) << login.body();
        return BodyJson(login);
    }
    static ::testing::AssertionResult IsInvalidRefreshToken(const Response& response) {
        if (response.result() == status::unauthorized &&
            ProblemCode(response) == "invalid_refresh_token") {
            return ::testing::AssertionSuccess();
        }
        return ::testing::AssertionFailure() << response.result_int() << " " << response.body();
    }
};

TEST_F(RefreshRoutesTest, SignUpAndLoginHandOutRefreshTokens) {
    const boost::json::object account = SignUp("ana@example.com");
    EXPECT_EQ(Field(account, "refresh_token").size(), kRefreshTokenChars);
    EXPECT_EQ(account.at("refresh_expires_in").as_int64(), kThirtyDaysS);
    const Response login = Login("ana@example.com");
    ASSERT_EQ(login.result(), status::ok) << login.body();
    const auto session = BodyJson(login);
    EXPECT_EQ(Field(session, "refresh_token").size(), kRefreshTokenChars);
    EXPECT_NE(Field(session, "refresh_token"), Field(account, "refresh_token"));
    EXPECT_EQ(session.at("refresh_expires_in").as_int64(), kThirtyDaysS);
    EXPECT_EQ(session.at("expires_in").as_int64(), 3600);
}

// Someone who waited in a queue longer than an access token lives gets a new one without the
// password; the refresh token is used up and replaced.
TEST_F(RefreshRoutesTest, ARefreshAfterTheAccessTokenExpiredGivesANewPair) {
    const auto session = Session("ana@example.com");
    const std::string access = Field(session, "access_token");
    clock_.Advance(std::chrono::minutes{90});
    ASSERT_EQ(Me(access).result(), status::unauthorized) << "the access token expired";

    const Response refreshed = Refresh(Field(session, "refresh_token"));
    ASSERT_EQ(refreshed.result(), status::ok) << refreshed.body();
    const auto next = BodyJson(refreshed);
    EXPECT_EQ(UserIdOf(next), UserIdOf(session));
    EXPECT_EQ(Field(next, "role"), "user");
    EXPECT_EQ(Field(next, "token_type"), "Bearer");
    EXPECT_EQ(next.at("expires_in").as_int64(), 3600);
    EXPECT_EQ(next.at("refresh_expires_in").as_int64(), kThirtyDaysS);
    EXPECT_NE(Field(next, "refresh_token"), Field(session, "refresh_token"));
    const Response me = Me(Field(next, "access_token"));
    ASSERT_EQ(me.result(), status::ok) << me.body();

    // The old refresh token is used up; the new one works, and so on.
    EXPECT_TRUE(IsInvalidRefreshToken(Refresh(Field(session, "refresh_token"))));
    const Response again = Refresh(Field(next, "refresh_token"));
    ASSERT_EQ(again.result(), status::ok) << again.body();
}

TEST_F(RefreshRoutesTest, AnOldTokenPresentedLongAfterItsUseRevokesTheLogin) {
    const auto session = Session("ana@example.com");
    const Response refreshed = Refresh(Field(session, "refresh_token"));
    ASSERT_EQ(refreshed.result(), status::ok);
    const std::string current = Field(BodyJson(refreshed), "refresh_token");

    clock_.Advance(kRefreshReuseGrace);
    const Response stolen = Refresh(Field(session, "refresh_token"));
    EXPECT_TRUE(IsInvalidRefreshToken(stolen));
    EXPECT_NE(BodyJson(stolen).at("detail").as_string().find("already used"), std::string::npos);
    EXPECT_TRUE(IsInvalidRefreshToken(Refresh(current))) << "the whole login is revoked";
    // A login of its own is another family, untouched.
    const Response login = Login("ana@example.com");
    ASSERT_EQ(login.result(), status::ok);
    EXPECT_EQ(Refresh(Field(BodyJson(login), "refresh_token")).result(), status::ok);
}

TEST_F(RefreshRoutesTest, AnExpiredRefreshTokenIsRefused) {
    const auto session = Session("ana@example.com");
    clock_.Advance(std::chrono::days{30});
    EXPECT_TRUE(IsInvalidRefreshToken(Refresh(Field(session, "refresh_token"))));
}

TEST_F(RefreshRoutesTest, UnknownAndMalformedTokens) {
    Session("ana@example.com");
    EXPECT_TRUE(IsInvalidRefreshToken(Refresh(std::string(kRefreshTokenChars, 'A'))));
    EXPECT_TRUE(IsInvalidRefreshToken(Refresh("short")));
    EXPECT_TRUE(IsInvalidRefreshToken(Refresh(std::string(kRefreshTokenReadCharsMax, 'A'))));
    for (const boost::json::object& body :
         {boost::json::object{}, boost::json::object{{"refresh_token", 5}},
          boost::json::object{{"refresh_token", ""}},
          boost::json::object{
              {"refresh_token", std::string(kRefreshTokenReadCharsMax + 1, 'A')}}}) {
        const Response response = Post("/api/v1/auth/refresh", body);
        EXPECT_EQ(response.result(), status::bad_request) << boost::json::serialize(body);
        EXPECT_EQ(ProblemCode(response), "invalid_field");
    }
}

TEST_F(RefreshRoutesTest, LogoutRevokesTheLoginsRefreshTokens) {
    const auto session = Session("ana@example.com");
    const Response refreshed = Refresh(Field(session, "refresh_token"));
    ASSERT_EQ(refreshed.result(), status::ok);
    const std::string current = Field(BodyJson(refreshed), "refresh_token");
    const Response other_login = Login("ana@example.com");
    ASSERT_EQ(other_login.result(), status::ok);

    const Response logout = Logout(current);
    EXPECT_EQ(logout.result(), status::no_content) << logout.body();
    EXPECT_TRUE(logout.body().empty());
    EXPECT_TRUE(IsInvalidRefreshToken(Refresh(current)));
    EXPECT_EQ(Refresh(Field(BodyJson(other_login), "refresh_token")).result(), status::ok)
        << "the other login goes on";
    // Again, or with a token that is no token: the same answer.
    EXPECT_EQ(Logout(current).result(), status::no_content);
    EXPECT_EQ(Logout("nonsense").result(), status::no_content);
    EXPECT_EQ(Post("/api/v1/auth/logout", {}).result(), status::bad_request);
}

// Two tabs refresh with the same token at once: exactly one gets the new pair, and the other's
// refusal does not log the winner out.
TEST_F(RefreshRoutesTest, OfTwoConcurrentRefreshesWithOneTokenExactlyOneSucceeds) {
    const auto session = Session("ana@example.com");
    const std::string token = Field(session, "refresh_token");
    test_support::Gate start;
    std::array<Response, 2> answers;
    std::array<std::thread, 2> threads;
    for (std::size_t i = 0; i < threads.size(); ++i) {
        threads[i] = std::thread([&, i] {
            http::test_support::TestClient client(server_->port());
            auto request = http::test_support::TestClient::MakeRequest(
                http::beast_http::verb::post, "/api/v1/auth/refresh",
                boost::json::serialize(boost::json::object{{"refresh_token", token}}));
            if (start.Wait()) answers[i] = client.Send(request);
        });
    }
    start.Open();
    for (std::thread& thread : threads) thread.join();
    const int winners = (answers[0].result() == status::ok) + (answers[1].result() == status::ok);
    ASSERT_EQ(winners, 1) << answers[0].body() << " / " << answers[1].body();
    const Response& winner = answers[0].result() == status::ok ? answers[0] : answers[1];
    const Response& loser = answers[0].result() == status::ok ? answers[1] : answers[0];
    EXPECT_TRUE(IsInvalidRefreshToken(loser));
    EXPECT_EQ(Refresh(Field(BodyJson(winner), "refresh_token")).result(), status::ok);
}

TEST_F(RefreshRoutesTest, AStoppedAccountWriterIs503Overloaded) {
    const auto session = Session("ana@example.com");
    account_writer_.Stop();
    const Response refreshed = Refresh(Field(session, "refresh_token"));
    EXPECT_EQ(refreshed.result(), status::service_unavailable);
    EXPECT_EQ(ProblemCode(refreshed), "overloaded");
    EXPECT_EQ(ProblemCode(Logout(Field(session, "refresh_token"))), "overloaded");
}

}  // namespace
}  // namespace tix::auth
