// POST /api/v1/admin/users/{id}/ban through the real routes on a real server: the account's
// tokens stop working at once, its refresh tokens and its logins too, and the answer waits for
// the composition root's follow-up.
#include "auth/ban_routes.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <vector>

#include "auth/auth_server_testing.h"
#include "auth/sync_testing.h"
#include "common/rfc3339.h"

namespace tix::auth {
namespace {

using namespace test_support;  // AuthServerTest, and what answers are read with

class BanRoutesTest : public AuthServerTest {
  protected:
    BanRoutesTest() {
        SetBanFollowUp([this](UserId user_id, std::function<void(bool)> done) {
            {
                std::lock_guard lock(followed_up_mutex_);
                followed_up_.push_back(user_id);
            }
            done(follow_up_ok_);
        });
    }
    // The users the follow-up ran for, in order.
    std::vector<UserId> FollowedUp() {
        std::lock_guard lock(followed_up_mutex_);
        return followed_up_;
    }

    std::mutex followed_up_mutex_;
    std::vector<UserId> followed_up_;  // guarded by followed_up_mutex_
    std::atomic<bool> follow_up_ok_{true};
};

TEST_F(BanRoutesTest, ABannedAccountLosesItsTokensItsRefreshTokensAndItsLogin) {
    const std::string admin = AdminToken();
    const auto fan = SignUp("fan@example.com");
    const auto other = SignUp("other@example.com");
    const UserId fan_id = UserIdOf(fan);
    ASSERT_EQ(Me(Field(fan, "access_token")).result(), status::ok);
    clock_.Advance(std::chrono::seconds{5});

    const Response banned = Ban(fan_id.value(), admin);
    ASSERT_EQ(banned.result(), status::ok) << banned.body();
    const auto body = BodyJson(banned);
    EXPECT_EQ(UserIdOf(body), fan_id);
    EXPECT_EQ(Field(body, "email"), "fan@example.com");
    EXPECT_EQ(Field(body, "role"), "user");
    EXPECT_EQ(Field(body, "banned_at"), FormatRfc3339(kStart + std::chrono::seconds{5}));
    EXPECT_EQ(FollowedUp(), std::vector<UserId>{fan_id});

    // At once: the access token (remembered by the IO threads or not), the refresh token, the
    // password.
    EXPECT_EQ(Me(Field(fan, "access_token")).result(), status::unauthorized);
    EXPECT_EQ(ProblemCode(Refresh(Field(fan, "refresh_token"))), "invalid_refresh_token");
    const Response login = Login("fan@example.com");
    const Response wrong = Login("other@example.com", "wrong password");
    EXPECT_EQ(login.result(), status::unauthorized);
    EXPECT_EQ(login.body(), wrong.body()) << "a banned account looks like a wrong password";
    // Others are untouched.
    EXPECT_EQ(Me(Field(other, "access_token")).result(), status::ok);
    EXPECT_EQ(Refresh(Field(other, "refresh_token")).result(), status::ok);
    EXPECT_EQ(Login("other@example.com").result(), status::ok);
}

TEST_F(BanRoutesTest, BanningAgainIs200WithTheFirstBansTimeAndFollowsUpAgain) {
    const std::string admin = AdminToken();
    const UserId fan_id = UserIdOf(SignUp("fan@example.com"));
    ASSERT_EQ(Ban(fan_id.value(), admin).result(), status::ok);
    clock_.Advance(std::chrono::minutes{30});
    const Response again = Ban(fan_id.value(), admin);
    ASSERT_EQ(again.result(), status::ok) << again.body();
    EXPECT_EQ(Field(BodyJson(again), "banned_at"), FormatRfc3339(kStart));
    EXPECT_EQ(FollowedUp(), (std::vector<UserId>{fan_id, fan_id}));
}

TEST_F(BanRoutesTest, AFailedFollowUpIs503AndARepeatedBanRetriesIt) {
    const std::string admin = AdminToken();
    const auto fan = SignUp("fan@example.com");
    follow_up_ok_ = false;
    const Response failed = Ban(UserIdOf(fan).value(), admin);
    EXPECT_EQ(failed.result(), status::service_unavailable);
    EXPECT_EQ(ProblemCode(failed), "storage_unavailable");
    // The accounts' part is done all the same.
    EXPECT_EQ(Me(Field(fan, "access_token")).result(), status::unauthorized);

    follow_up_ok_ = true;
    EXPECT_EQ(Ban(UserIdOf(fan).value(), admin).result(), status::ok);
    EXPECT_EQ(FollowedUp().size(), 2u);
}

TEST_F(BanRoutesTest, TheAnswerWaitsForTheFollowUp) {
    const std::string admin = AdminToken();
    const UserId fan_id = UserIdOf(SignUp("fan@example.com"));
    // The follow-up hands its `done` to the test, which calls it later from its own thread, as
    // the engine would from its thread.
    std::promise<std::function<void(bool)>> handed;
    auto done = handed.get_future();
    SetBanFollowUp([&handed](UserId, std::function<void(bool)> finish) {
        handed.set_value(std::move(finish));
    });
    auto answer = std::async(std::launch::async, [&] { return Ban(fan_id.value(), admin); });
    ASSERT_EQ(done.wait_for(test_support::kEventDeadline), std::future_status::ready);
    const std::function<void(bool)> finish = done.get();
    // Not answered while the follow-up runs (a wrong early answer would show up here).
    EXPECT_EQ(answer.wait_for(std::chrono::milliseconds{200}), std::future_status::timeout);
    finish(true);
    EXPECT_EQ(answer.get().result(), status::ok);
}

TEST_F(BanRoutesTest, OnlyAdminsBanAndNotThemselves) {
    const std::string admin = AdminToken();
    const auto fan = SignUp("fan@example.com");
    const auto other = SignUp("other@example.com");
    const UserId other_id = UserIdOf(other);
    EXPECT_EQ(Ban(other_id.value(), "").result(), status::unauthorized);
    const Response by_fan = Ban(other_id.value(), Field(fan, "access_token"));
    EXPECT_EQ(by_fan.result(), status::forbidden);
    EXPECT_EQ(ProblemCode(by_fan), "forbidden");

    const UserId admin_id = users_->FindByEmail("admin@example.com")->user_id;
    const Response self = Ban(admin_id.value(), admin);
    EXPECT_EQ(self.result(), status::conflict);
    EXPECT_EQ(ProblemCode(self), "cannot_ban_self");
    EXPECT_TRUE(FollowedUp().empty());
    EXPECT_EQ(users_->ActiveRole(other_id), Role::kUser);
    EXPECT_EQ(users_->ActiveRole(admin_id), Role::kAdmin);
}

TEST_F(BanRoutesTest, AnUnknownUserIs404) {
    const std::string admin = AdminToken();
    for (const char* id : {"999", "0", "-1", "abc", "1x", "18446744073709551616"}) {
        const Response response =
            Post(std::string("/api/v1/admin/users/") + id + "/ban", {}, admin);
        EXPECT_EQ(response.result(), status::not_found) << id;
        EXPECT_EQ(ProblemCode(response), "unknown_user") << id;
    }
    EXPECT_TRUE(FollowedUp().empty());
}

// An admin's rights come from the directory: a banned admin's token is refused like anyone's.
TEST_F(BanRoutesTest, ABannedAdminsTokenStopsWorking) {
    const std::string first = AdminToken("first@example.com");
    const std::string second = AdminToken("second@example.com");
    const UserId second_id = users_->FindByEmail("second@example.com")->user_id;
    const UserId fan_id = UserIdOf(SignUp("fan@example.com"));
    ASSERT_EQ(Ban(second_id.value(), first).result(), status::ok);
    EXPECT_EQ(Ban(fan_id.value(), second).result(), status::unauthorized);
}

}  // namespace
}  // namespace tix::auth
