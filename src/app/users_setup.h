// The auth side of the composition root: users, password hashing and tokens for one data dir.
#pragma once

#include <memory>
#include <string>

#include "api/bidding_routes.h"
#include "api/ticket_routes.h"
#include "app/config.h"
#include "app/demo_credentials.h"
#include "auth/auth_routes.h"
#include "auth/ban_routes.h"
#include "common/status.h"
#include "common/types.h"
#include "http/router.h"

namespace tix::app {

class UsersSetup {
  public:
    // Opens the users and refresh_tokens tables in <data>/tix.db and the token key in
    // <data>/secret.key. Accounts and tokens are dated by `clock` (tixd's one clock).
    static Result<std::unique_ptr<UsersSetup>> Open(const ServeConfig& config, auth::Clock clock);
    ~UsersSetup();

    // The demo admin and demo user, created once. The admin's password is set to `admin` at
    // every start (a password published on loopback, a generated one elsewhere), so the
    // credentials printed at start-up are the ones that work.
    Status EnsureDemoUsers(const DemoAdminCredentials& admin);
    http::TokenVerifier TokenVerifierFn() const;
    // /api/v1/auth/*, /users/register, /users/login, /api/v1/admin/users/* (bans, member
    // weights), /health.
    // `ban_follow_up` runs after the accounts' part of a ban (ban_routes.h); null: nothing more.
    void AddRoutes(http::Router& router, auth::BanFollowUp ban_follow_up = {});
    // Account lookups for the ticket routes (transfers by email, holder names at the gates).
    // Valid as long as this object.
    api::AccountLookup Accounts() const;
    // A bidder's name and member weight for the bidding routes; valid as long as this object.
    api::MemberLookup Members() const;
    // Finishes or drops queued hashing and account-writing jobs; call once the IO threads have
    // stopped, before the io_context goes (the jobs hold responders).
    void Shutdown();

  private:
    struct Parts;
    explicit UsersSetup(std::unique_ptr<Parts> parts);
    std::unique_ptr<Parts> parts_;
};

// `tixd admin create-user`: validates and creates the user directly in the data dir.
Result<UserId> CreateUserOffline(const CreateUserConfig& config);

// To standard output, not the log: a generated admin password is shown once, to whoever started
// tixd, and is not kept in log files.
void PrintDemoCredentials(const std::string& host, std::uint16_t port,
                          const DemoAdminCredentials& admin);

}  // namespace tix::app
