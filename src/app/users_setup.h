// The auth side of the composition root: users, password hashing and tokens for one data dir.
#pragma once

#include <memory>
#include <string>

#include "app/config.h"
#include "auth/auth_routes.h"
#include "common/status.h"
#include "common/types.h"
#include "http/router.h"

namespace tix::app {

class UsersSetup {
  public:
    // Opens the users table in <data>/tix.db and the token key in <data>/secret.key. Accounts and
    // tokens are dated by `clock` (tixd's one clock).
    static Result<std::unique_ptr<UsersSetup>> Open(const ServeConfig& config, auth::Clock clock);
    ~UsersSetup();

    // The demo admin and demo user, created once.
    Status EnsureDemoUsers();
    http::TokenVerifier TokenVerifierFn() const;
    // /api/v1/auth/*, /users/register, /users/login, /health.
    void AddRoutes(http::Router& router);
    // Finishes or drops queued hashing jobs; call once the IO threads have stopped, before the
    // io_context goes (the jobs hold responders).
    void Shutdown();

  private:
    struct Parts;
    explicit UsersSetup(std::unique_ptr<Parts> parts);
    std::unique_ptr<Parts> parts_;
};

// `tixd admin create-user`: validates and creates the user directly in the data dir.
Result<UserId> CreateUserOffline(const CreateUserConfig& config);

void PrintDemoCredentials(const std::string& host, std::uint16_t port);

}  // namespace tix::app
