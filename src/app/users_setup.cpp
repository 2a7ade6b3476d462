#include "app/users_setup.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "app/demo.h"
#include "auth/auth_routes.h"
#include "auth/ban_routes.h"
#include "auth/bulk_user_routes.h"
#include "auth/hashing_pool.h"
#include "auth/password_hasher.h"
#include "auth/refresh_token_store.h"
#include "auth/registration.h"
#include "auth/token_signer.h"
#include "auth/user_directory.h"
#include "auth/user_weight_routes.h"
#include "common/clock.h"

namespace tix::app {
namespace {

std::string DataFile(const std::string& data_dir, const char* name) {
    return (std::filesystem::path(data_dir) / name).string();
}

auth::HashCost CostOf(const std::string& name) {
    return auth::ParseHashCost(name).value_or(auth::HashCost::kStandard);
}

}  // namespace

// The workers are last so they are destroyed first: their jobs use everything above them.
struct UsersSetup::Parts {
    auth::Clock clock;
    std::unique_ptr<auth::UserDirectory> users;
    std::unique_ptr<auth::RefreshTokenStore> refresh_tokens;
    std::unique_ptr<auth::TokenSigner> signer;
    std::unique_ptr<auth::LoginGuard> login_guard;
    std::unique_ptr<auth::PasswordHasher> hasher;
    std::unique_ptr<auth::HashingPool> account_writer;

    auth::AuthServices Services() const {
        return {*users,          *hasher, *signer,          *refresh_tokens,
                *account_writer, clock,   login_guard.get()};
    }
};

UsersSetup::UsersSetup(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

api::AccountLookup UsersSetup::Accounts() const {
    const auth::UserDirectory* users = parts_->users.get();
    return {[users](std::string_view email) -> std::optional<UserId> {
                const std::optional<auth::User> user = users->FindByEmail(email);
                if (!user || user->banned_at) return std::nullopt;
                return user->user_id;
            },
            [users](UserId user_id) {
                const std::optional<auth::User> user = users->FindById(user_id);
                return user ? user->name : std::string();
            }};
}

api::MemberLookup UsersSetup::Members() const {
    const auth::UserDirectory* users = parts_->users.get();
    return [users](UserId user_id) -> std::optional<api::Member> {
        std::optional<auth::UserDirectory::Member> member = users->FindMember(user_id);
        if (!member) return std::nullopt;
        return api::Member{std::move(member->name), member->weight};
    };
}

UsersSetup::~UsersSetup() = default;

Result<std::unique_ptr<UsersSetup>> UsersSetup::Open(const ServeConfig& config, auth::Clock clock) {
    auto parts = std::make_unique<Parts>();
    parts->clock = std::move(clock);
    auto users = auth::UserDirectory::Open(DataFile(config.data_dir, "tix.db"));
    if (!users.ok()) return users.status();
    parts->users = std::move(users).value();
    auto refresh_tokens = auth::RefreshTokenStore::Open(
        DataFile(config.data_dir, "tix.db"), std::chrono::days(config.refresh_token_days));
    if (!refresh_tokens.ok()) return refresh_tokens.status();
    parts->refresh_tokens = std::move(refresh_tokens).value();
    auto signer = auth::TokenSigner::FromKeyFile(DataFile(config.data_dir, "secret.key"),
                                                 std::chrono::seconds(config.token_ttl_seconds));
    if (!signer.ok()) return signer.status();
    parts->signer = std::make_unique<auth::TokenSigner>(std::move(signer).value());
    parts->login_guard = std::make_unique<auth::LoginGuard>(config.rate_limits.logins);
    auth::PasswordHasher::Options options;
    options.cost = CostOf(config.password_cost);
    if (options.cost == auth::HashCost::kMinimum) {
        spdlog::warn("password hashing at minimum cost: for tests only, not for real users");
    }
    parts->hasher = std::make_unique<auth::PasswordHasher>(options);
    parts->account_writer = std::make_unique<auth::HashingPool>(auth::AccountWriterLimits());
    return std::unique_ptr<UsersSetup>(new UsersSetup(std::move(parts)));
}

Status UsersSetup::EnsureDemoUsers(const DemoAdminCredentials& admin) {
    struct DemoUser {
        const char* email;
        std::string_view password;
        const char* name;
        Role role;
    };
    for (const DemoUser& demo :
         {DemoUser{kDemoAdminEmail, admin.password, "Demo Admin", Role::kAdmin},
          DemoUser{kDemoUserEmail, kDemoUserPassword, "Demo Fan", Role::kUser}}) {
        const std::optional<auth::User> existing = parts_->users->FindByEmail(demo.email);
        if (!existing) {
            auto created =
                auth::CreateUserOffline(*parts_->users, *parts_->hasher, demo.email, demo.password,
                                        demo.name, demo.role, parts_->clock());
            if (!created.ok()) return created.status();
        } else if (demo.role == Role::kAdmin &&
                   !parts_->hasher->Verify(existing->password_hash, demo.password)) {
            // Started before on another address (or with a generated password): the password
            // printed now must be the one that works, and the old one must not.
            Result<std::string> hash = parts_->hasher->Hash(demo.password);
            if (!hash.ok()) return hash.status();
            if (Status status = parts_->users->ReplacePasswordHash(existing->user_id,
                                                                   existing->password_hash, *hash);
                !status.ok()) {
                return status;
            }
        }
    }
    return Status::Ok();
}

void UsersSetup::Shutdown() {
    parts_->hasher->Shutdown();
    parts_->account_writer->Stop();
}

http::TokenVerifier UsersSetup::TokenVerifierFn() const {
    return auth::MakeTokenVerifier(*parts_->signer, *parts_->users, parts_->clock);
}

void UsersSetup::AddRoutes(http::Router& router, auth::BanFollowUp ban_follow_up) {
    const auth::AuthServices services = parts_->Services();
    auth::AddAuthRoutes(router, services);
    auth::AddBulkUserRoutes(router, services);
    auth::AddBanRoutes(router, services, std::move(ban_follow_up));
    auth::AddUserWeightRoutes(router, services);
    auth::AddHealthRoutes(router);
}

Result<UserId> CreateUserOffline(const CreateUserConfig& config) {
    auto users = auth::UserDirectory::Open(DataFile(config.data_dir, "tix.db"));
    if (!users.ok()) return users.status();
    const auth::PasswordHasher hasher({.cost = CostOf(config.password_cost)});
    auto user = auth::CreateUserOffline(**users, hasher, config.email, config.password, config.name,
                                        config.admin     ? Role::kAdmin
                                        : config.scanner ? Role::kScanner
                                                         : Role::kUser,
                                        ServerClock().Now());
    if (!user.ok()) return user.status();
    return user->user_id;
}

void PrintDemoCredentials(const std::string& host, std::uint16_t port,
                          const DemoAdminCredentials& admin) {
    std::cout << "\n  tixd is serving the Taipei Dome demo on http://" << host << ":" << port
              << "\n"
              << "  admin: " << kDemoAdminEmail << " / " << admin.password
              << (admin.published ? "" : "   (generated for this start: not a loopback address)")
              << "\n"
              << "  user:  " << kDemoUserEmail << " / " << kDemoUserPassword << "\n"
              << "  try:   curl -s http://" << host << ":" << port << "/api/v1/events\n\n"
              << std::flush;
}

}  // namespace tix::app
