#include "auth/auth_routes.h"

#include <gtest/gtest.h>

#include <atomic>

#include "auth/auth_server_testing.h"
#include "common/clock.h"
#include "common/rfc3339.h"
#include "common/temp_dir.h"
#include "http/testing.h"

namespace tix::auth {
namespace {

using http::Response;
using http::beast_http::status;
using http::test_support::BodyJson;
using http::test_support::ProblemCode;
using http::test_support::TestClient;
using http::test_support::TestServer;
using test_support::kStart;

TokenKey TestKey() { return test_support::ServerKey(); }

// The auth routes on a real server, with a fake clock and the minimum hashing cost.
class AuthRoutesTest : public test_support::AuthServerTest {
  protected:
    explicit AuthRoutesTest(std::size_t hash_queue_jobs_max = kHashQueueJobsMax,
                            HashCost cost = HashCost::kMinimum)
        : AuthServerTest({.hasher = {.cost = cost, .queue_jobs_max = hash_queue_jobs_max}}) {}

    static PasswordHasher::Options HasherOptions(std::size_t queue_jobs_max, HashCost cost) {
        return {.cost = cost, .queue_jobs_max = queue_jobs_max};
    }

    Response Post(std::string_view target, std::string body) { return PostText(target, body); }
    Response Register(std::string_view email, std::string_view password = "correct horse",
                      std::string_view name = "Ana") {
        return AuthServerTest::Register(email, password, name);
    }
};

TEST_F(AuthRoutesTest, RegisterLoginMe) {
    const Response registered = Register("Ana@Example.com");
    ASSERT_EQ(registered.result(), status::created) << registered.body();
    const auto account = BodyJson(registered);
    const std::int64_t user_id = account.at("user_id").to_number<std::int64_t>();
    EXPECT_GT(user_id, 0);
    EXPECT_EQ(account.at("email").as_string(), "ana@example.com");
    EXPECT_EQ(account.at("name").as_string(), "Ana");
    EXPECT_EQ(account.at("role").as_string(), "user");
    EXPECT_EQ(account.at("token_type").as_string(), "Bearer");
    EXPECT_EQ(account.at("expires_in").as_int64(), 3600);
    EXPECT_TRUE(signer_.Verify(account.at("access_token").as_string(), kStart).ok());

    clock_.Advance(std::chrono::seconds{5});
    const Response login = Login("ANA@example.com", "correct horse");
    ASSERT_EQ(login.result(), status::ok) << login.body();
    const auto session = BodyJson(login);
    EXPECT_EQ(session.at("user_id").to_number<std::int64_t>(), user_id);
    EXPECT_EQ(session.at("role").as_string(), "user");
    EXPECT_EQ(session.at("expires_in").as_int64(), 3600);
    const std::string token(session.at("access_token").as_string());

    const Response me = Get("/api/v1/auth/me", token);
    ASSERT_EQ(me.result(), status::ok) << me.body();
    const auto profile = BodyJson(me);
    EXPECT_EQ(profile.at("user_id").to_number<std::int64_t>(), user_id);
    EXPECT_EQ(profile.at("email").as_string(), "ana@example.com");
    EXPECT_EQ(profile.at("name").as_string(), "Ana");
    EXPECT_EQ(profile.at("role").as_string(), "user");
    EXPECT_EQ(profile.at("created_at").as_string(), FormatRfc3339(kStart));
}

TEST_F(AuthRoutesTest, LegacyPathsAreAliases) {
    const Response registered =
        Post("/users/register",
             R"({"email":"bob@example.com","password":"river-otter-42","name":"Bob"})");
    ASSERT_EQ(registered.result(), status::created);
    const Response login =
        Post("/users/login", R"({"email":"bob@example.com","password":"river-otter-42"})");
    EXPECT_EQ(login.result(), status::ok);
}

TEST_F(AuthRoutesTest, DuplicateEmailIs409InAnyCase) {
    ASSERT_EQ(Register("ana@example.com").result(), status::created);
    const Response again = Register("ANA@EXAMPLE.COM", "another password", "Imposter");
    EXPECT_EQ(again.result(), status::conflict);
    EXPECT_EQ(ProblemCode(again), "email_taken");
    EXPECT_EQ(users_->size(), 1u);
}

TEST_F(AuthRoutesTest, AServerAtTheTestOnlyCostNeverReplacesAHash) {
    PasswordHasher::Options real_cost;
    real_cost.cost = HashCost::kStandard;
    const std::string real_hash = *PasswordHasher(real_cost).Hash("correct horse");
    const UserId user_id =
        users_->Create("real@example.com", "Real", real_hash, Role::kUser, kStart)->user_id;
    ASSERT_EQ(Login("real@example.com", "correct horse").result(), status::ok);
    EXPECT_EQ(users_->FindById(user_id)->password_hash, real_hash);
}

TEST_F(AuthRoutesTest, WrongPasswordAndUnknownEmailLookTheSame) {
    ASSERT_EQ(Register("ana@example.com").result(), status::created);
    const Response wrong = Login("ana@example.com", "wrong password");
    const Response unknown = Login("nobody@example.com", "correct horse");
    EXPECT_EQ(wrong.result(), status::unauthorized);
    EXPECT_EQ(ProblemCode(wrong), "bad_credentials");
    EXPECT_EQ(unknown.result(), status::unauthorized);
    EXPECT_EQ(unknown.body(), wrong.body());
}

// A server at the serving cost: the test-only minimum cost never replaces a hash.
class AuthRoutesAtStandardCostTest : public AuthRoutesTest {
  protected:
    AuthRoutesAtStandardCostTest() : AuthRoutesTest(kHashQueueJobsMax, HashCost::kStandard) {}
};

TEST_F(AuthRoutesAtStandardCostTest, LoginUpgradesAHashOfAnotherCostDurably) {
    PasswordHasher::Options old_cost;
    old_cost.cost = HashCost::kInteractive;  // the default before the standard cost
    const std::string old_hash = *PasswordHasher(old_cost).Hash("correct horse");
    const UserId user_id =
        users_->Create("old@example.com", "Old", old_hash, Role::kUser, kStart)->user_id;

    EXPECT_EQ(Login("old@example.com", "wrong horse").result(), status::unauthorized);
    EXPECT_EQ(users_->FindById(user_id)->password_hash, old_hash);  // no upgrade without it

    ASSERT_EQ(Login("old@example.com", "correct horse").result(), status::ok);
    const std::string upgraded = users_->FindById(user_id)->password_hash;
    EXPECT_NE(upgraded, old_hash);
    EXPECT_FALSE(hasher_.NeedsRehash(upgraded));
    EXPECT_TRUE(hasher_.Verify(upgraded, "correct horse"));

    // Logging in again works and leaves the upgraded hash as it is.
    ASSERT_EQ(Login("old@example.com", "correct horse").result(), status::ok);
    EXPECT_EQ(users_->FindById(user_id)->password_hash, upgraded);

    // It was stored, not only remembered: a server restarted on the same file, with a hasher of
    // its own, has it and serves the login with it.
    hasher_.Shutdown();
    server_.reset();
    PasswordHasher restarted_hasher(HasherOptions(kHashQueueJobsMax, HashCost::kStandard));
    auto reopened = UserDirectory::Open(dir_.File("tix.db"));
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ((*reopened)->FindById(user_id)->password_hash, upgraded);
    const Clock clock = [this] { return clock_.Now(); };
    auto router = std::make_shared<http::Router>(MakeTokenVerifier(signer_, **reopened, clock));
    AddAuthRoutes(
        *router, {**reopened, restarted_hasher, signer_, *refresh_tokens_, account_writer_, clock});
    server_ = std::make_unique<TestServer>(std::move(router));
    const Response login = Login("OLD@example.com", "correct horse");
    ASSERT_EQ(login.result(), status::ok) << login.body();
    EXPECT_EQ(UserId{BodyJson(login).at("user_id").to_number<std::uint64_t>()}, user_id);
    EXPECT_EQ((*reopened)->FindById(user_id)->password_hash, upgraded);
    restarted_hasher.Shutdown();
    account_writer_.Stop();
    server_.reset();  // before `reopened`, which its routes use
}

TEST_F(AuthRoutesTest, BadRegistrationsChangeNothing) {
    const std::pair<std::string, std::string> cases[] = {
        {R"({"email":"not-an-email","password":"river-otter-42","name":"A"})", "invalid_email"},
        {R"({"email":"","password":"river-otter-42","name":"A"})", "invalid_email"},
        {R"({"email":"a@b.co","password":"1234567","name":"A"})", "weak_password"},
        {R"({"email":"a@b.co","password":"","name":"A"})", "weak_password"},
        {R"({"email":"a@b.co","password":"Password123","name":"A"})", "weak_password"},
        {R"({"email":"a@b.co","password":"iloveyou","name":"A"})", "weak_password"},
        {R"({"email":"a@b.co","password":"12345678","name":"A"})", "weak_password"},
        {R"({"email":"a@b.co","password":"qwertyui","name":"A"})", "weak_password"},
        {R"({"email":"a@b.co","password":"98765432","name":"A"})", "weak_password"},
        {R"({"email":"a@b.co","password":"xxxxxxxxxxxx","name":"A"})", "weak_password"},
        {R"({"email":"a@b.co","password":")" + std::string(1025, 'p') + R"(","name":"A"})",
         "invalid_field"},
        {R"({"email":"a@b.co","password":"river-otter-42","name":""})", "invalid_field"},
        {R"({"email":"a@b.co","password":"river-otter-42","name":")" + std::string(201, 'n') +
             "\"}",
         "invalid_field"},
        {R"({"email":"a@b.co","password":"river-otter-42"})", "invalid_field"},
        {R"({"email":"a@b.co","password":24681357,"name":"A"})", "invalid_field"},
        {R"({"email":["a@b.co"],"password":"river-otter-42","name":"A"})", "invalid_field"},
        {R"({"email":"a@b.co","password":"river-otter-42","name":"A")", "malformed_json"},
        {R"(["a@b.co","river-otter-42","A"])", "malformed_json"},
    };
    for (const auto& [body, code] : cases) {
        const Response response = Post("/api/v1/auth/register", body);
        EXPECT_EQ(response.result(), status::bad_request) << body;
        EXPECT_EQ(ProblemCode(response), code) << body;
    }
    TestClient client(server_->port());
    const Response form = client.Send(TestClient::MakeRequest(
        http::beast_http::verb::post, "/api/v1/auth/register", "email=a@b.co", "text/plain"));
    EXPECT_EQ(form.result(), status::unsupported_media_type);
    EXPECT_EQ(users_->size(), 0u);
}

TEST_F(AuthRoutesTest, BadLoginBodiesAre400) {
    for (const char* body : {R"({"email":"a@b.co"})", R"({"password":"river-otter-42"})",
                             R"({"email":1,"password":"river-otter-42"})", R"(nope)"}) {
        EXPECT_EQ(Post("/api/v1/auth/login", body).result(), status::bad_request) << body;
    }
}

TEST_F(AuthRoutesTest, MeNeedsAValidUnexpiredToken) {
    EXPECT_EQ(Get("/api/v1/auth/me").result(), status::unauthorized);
    EXPECT_EQ(Get("/api/v1/auth/me", "not.a.token").result(), status::unauthorized);
    const Response registered = Register("ana@example.com");
    const std::string token(BodyJson(registered).at("access_token").as_string());
    EXPECT_EQ(Get("/api/v1/auth/me", token).result(), status::ok);

    const TokenSigner stranger(TokenKey{});
    EXPECT_EQ(Get("/api/v1/auth/me", stranger.Issue(UserId{1}, Role::kAdmin, kStart)).result(),
              status::unauthorized);
    // A well-signed token for a user that does not exist.
    EXPECT_EQ(Get("/api/v1/auth/me", signer_.Issue(UserId{999}, Role::kUser, kStart)).result(),
              status::unauthorized);

    clock_.Advance(std::chrono::hours{1});
    const Response expired = Get("/api/v1/auth/me", token);
    EXPECT_EQ(expired.result(), status::unauthorized);
    EXPECT_EQ(ProblemCode(expired), "unauthorized");
}

// A directory of its own for the verifier's tests: who exists, with which role, banned or not.
class TokenVerifierTest : public ::testing::Test {
  protected:
    UserId Create(std::string_view email, Role role) {
        return users_->Create(email, "Someone", "!", role, kStart)->user_id;
    }
    std::optional<http::Principal> Verify(std::string_view token) { return verify_(token); }

    TempDir dir_;
    std::unique_ptr<UserDirectory> users_ = UserDirectory::Open(dir_.File("tix.db")).value();
    ManualClock clock_{kStart};
    const TokenSigner signer_{TestKey()};
    const http::TokenVerifier verify_ =
        MakeTokenVerifier(signer_, *users_, [this] { return clock_.Now(); });
};

TEST_F(TokenVerifierTest, RepeatedTokenIsAnsweredFromThisThreadsMemoryUntilItExpires) {
    const UserId admin = Create("admin@example.com", Role::kAdmin);
    const std::string token = signer_.Issue(admin, Role::kAdmin, kStart);
    const std::uint64_t hits_before = TokenCacheHitsOnThisThread();

    for (int i = 0; i < 3; ++i) {
        const auto principal = Verify(token);
        ASSERT_TRUE(principal.has_value());
        EXPECT_EQ(principal->user_id, admin);
        EXPECT_TRUE(principal->is_admin());
    }
    // The first call verified the signature; the other two were answered from memory.
    EXPECT_EQ(TokenCacheHitsOnThisThread(), hits_before + 2);

    // Same length, one byte different: not remembered, and the signature check refuses it.
    std::string tampered = token;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    EXPECT_FALSE(Verify(tampered).has_value());
    // A prefix of a remembered token is not remembered either.
    EXPECT_FALSE(Verify(std::string_view(token).substr(0, token.size() - 1)).has_value());
    EXPECT_EQ(TokenCacheHitsOnThisThread(), hits_before + 2);

    // Another signer (another key) never accepts what the first one verified.
    TokenKey other_key;
    other_key.fill(0x11);
    const TokenSigner other(other_key);
    EXPECT_FALSE(MakeTokenVerifier(other, *users_, [&] { return clock_.Now(); })(token));
    EXPECT_EQ(TokenCacheHitsOnThisThread(), hits_before + 2);

    // A remembered token still expires: the hit re-checks the expiry.
    clock_.Advance(std::chrono::hours{1});  // the default lifetime
    EXPECT_FALSE(Verify(token).has_value());
    EXPECT_EQ(TokenCacheHitsOnThisThread(), hits_before + 3);
}

TEST_F(TokenVerifierTest, AWellSignedTokenOfAnUnknownUserIsRefused) {
    const UserId fan = Create("fan@example.com", Role::kUser);
    EXPECT_TRUE(Verify(signer_.Issue(fan, Role::kUser, kStart)).has_value());
    EXPECT_FALSE(Verify(signer_.Issue(UserId{fan.value() + 1}, Role::kUser, kStart)).has_value());
    EXPECT_FALSE(Verify(signer_.Issue(UserId{999}, Role::kAdmin, kStart)).has_value());
}

TEST_F(TokenVerifierTest, ABanRefusesTheAccountsTokensAtOnceRememberedOrNot) {
    const UserId fan = Create("fan@example.com", Role::kUser);
    const UserId other = Create("other@example.com", Role::kUser);
    const std::string remembered = signer_.Issue(fan, Role::kUser, kStart);
    const std::string fresh = signer_.Issue(fan, Role::kUser, kStart + std::chrono::seconds{1});
    const std::string others = signer_.Issue(other, Role::kUser, kStart);
    ASSERT_TRUE(Verify(remembered).has_value());
    ASSERT_TRUE(Verify(others).has_value());

    ASSERT_TRUE(users_->Ban(fan, kStart).ok());
    const std::uint64_t hits_before = TokenCacheHitsOnThisThread();
    EXPECT_FALSE(Verify(remembered).has_value());
    EXPECT_EQ(TokenCacheHitsOnThisThread(), hits_before + 1) << "answered from memory, refused";
    EXPECT_FALSE(Verify(fresh).has_value());
    EXPECT_TRUE(Verify(others).has_value());
}

TEST_F(TokenVerifierTest, TheRoleComesFromTheDirectoryNotTheToken) {
    const UserId fan = Create("fan@example.com", Role::kUser);
    const UserId admin = Create("admin@example.com", Role::kAdmin);
    // A token that claims more than the account has (signed when it was an admin, say) gets only
    // what the account has now; one that claims less gets the account's role.
    for (int repeat = 0; repeat < 2; ++repeat) {  // the second time from the thread's memory
        const auto claimed_admin = Verify(signer_.Issue(fan, Role::kAdmin, kStart));
        ASSERT_TRUE(claimed_admin.has_value());
        EXPECT_EQ(claimed_admin->role, Role::kUser);
        const auto claimed_user = Verify(signer_.Issue(admin, Role::kUser, kStart));
        ASSERT_TRUE(claimed_user.has_value());
        EXPECT_EQ(claimed_user->role, Role::kAdmin);
    }
}

TEST_F(AuthRoutesTest, HealthOnBothPaths) {
    for (const char* path : {"/health", "/api/v1/health"}) {
        const Response response = Get(path);
        EXPECT_EQ(response.result(), status::ok) << path;
        EXPECT_EQ(response.body(), R"({"status":"ok"})");
    }
    degraded_ = true;
    EXPECT_EQ(Get("/health").result(), status::service_unavailable);
}

// A hasher that takes no work at all: every hashing request is refused.
class AuthRoutesOverloadedTest : public AuthRoutesTest {
  protected:
    AuthRoutesOverloadedTest() : AuthRoutesTest(0) {}
};

TEST_F(AuthRoutesOverloadedTest, FullHashQueueIs503) {
    const Response registered = Register("ana@example.com");
    EXPECT_EQ(registered.result(), status::service_unavailable);
    EXPECT_EQ(ProblemCode(registered), "overloaded");
    EXPECT_EQ(registered[http::beast_http::field::retry_after], "1");
    EXPECT_EQ(Login("ana@example.com", "correct horse").result(), status::service_unavailable);
    EXPECT_EQ(users_->size(), 0u);
}

}  // namespace
}  // namespace tix::auth
