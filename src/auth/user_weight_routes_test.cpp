// PATCH /api/v1/admin/users/{id} through the real routes on a real server: an admin sets a member
// weight within 0.5..5.0, durably; everything else is refused and changes nothing.
#include "auth/user_weight_routes.h"

#include <gtest/gtest.h>

#include "auth/auth_server_testing.h"

namespace tix::auth {
namespace {

using namespace test_support;

class UserWeightRoutesTest : public AuthServerTest {
  protected:
    Response SetWeight(UserId user_id, std::string body, std::string_view token) {
        return PatchText("/api/v1/admin/users/" + std::to_string(user_id.value()), std::move(body),
                         token);
    }
    double WeightOf(UserId user_id) { return users_->FindById(user_id)->weight; }
};

TEST_F(UserWeightRoutesTest, AnAdminSetsAWeightThatMeShowsAndTheDirectoryKeeps) {
    const std::string admin = AdminToken();
    const auto fan = SignUp("fan@example.com");
    const UserId fan_id = UserIdOf(fan);
    EXPECT_EQ(BodyJson(Me(Field(fan, "access_token"))).at("weight").as_double(), 1.0);

    const Response set = SetWeight(fan_id, R"({"weight":2.5})", admin);
    ASSERT_EQ(set.result(), status::ok) << set.body();
    const auto body = BodyJson(set);
    EXPECT_EQ(UserIdOf(body), fan_id);
    EXPECT_EQ(Field(body, "email"), "fan@example.com");
    EXPECT_EQ(body.at("weight").as_double(), 2.5);
    EXPECT_EQ(WeightOf(fan_id), 2.5);
    EXPECT_EQ(BodyJson(Me(Field(fan, "access_token"))).at("weight").as_double(), 2.5);

    // The bounds themselves, and an integer.
    EXPECT_EQ(SetWeight(fan_id, R"({"weight":0.5})", admin).result(), status::ok);
    EXPECT_EQ(SetWeight(fan_id, R"({"weight":5})", admin).result(), status::ok);
    EXPECT_EQ(WeightOf(fan_id), 5.0);
    auto reopened = UserDirectory::Open(dir_.File("tix.db"));
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ((*reopened)->FindById(fan_id)->weight, 5.0) << "durable before the answer";
}

TEST_F(UserWeightRoutesTest, BadWeightsAre400AndChangeNothing) {
    const std::string admin = AdminToken();
    const UserId fan_id = UserIdOf(SignUp("fan@example.com"));
    for (const char* body : {R"({"weight":0.49})", R"({"weight":5.01})", R"({"weight":-1})",
                             R"({"weight":1e999})", R"({"weight":"2"})", R"({"weight":null})",
                             R"({})", R"({"weight":2,"name":"x"})", R"({"weight":true})"}) {
        const Response refused = SetWeight(fan_id, body, admin);
        EXPECT_EQ(refused.result(), status::bad_request) << body << " " << refused.body();
        EXPECT_EQ(ProblemCode(refused), "invalid_field") << body;
    }
    EXPECT_EQ(ProblemCode(SetWeight(fan_id, "[2]", admin)), "malformed_json");
    EXPECT_EQ(WeightOf(fan_id), 1.0);
}

TEST_F(UserWeightRoutesTest, OnlyAdminsSetWeightsOfUsersThatExist) {
    const std::string admin = AdminToken();
    const auto fan = SignUp("fan@example.com");
    const UserId fan_id = UserIdOf(fan);
    EXPECT_EQ(SetWeight(fan_id, R"({"weight":5})", Field(fan, "access_token")).result(),
              status::forbidden);
    EXPECT_EQ(SetWeight(fan_id, R"({"weight":5})", "not-a-token").result(), status::unauthorized);
    EXPECT_EQ(WeightOf(fan_id), 1.0);
    const Response unknown = SetWeight(UserId{999}, R"({"weight":2})", admin);
    EXPECT_EQ(unknown.result(), status::not_found);
    EXPECT_EQ(ProblemCode(unknown), "unknown_user");
    EXPECT_EQ(ProblemCode(PatchText("/api/v1/admin/users/abc", R"({"weight":2})", admin)),
              "unknown_user");
}

}  // namespace
}  // namespace tix::auth
