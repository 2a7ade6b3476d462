// HTTP routes for accounts and liveness: register, login, refresh, logout, me, health — plus the
// token verifier the Router needs. Wiring for the composition root; call these on one thread
// while building the Router, before the server starts.
//
// Endpoints (bodies are JSON; errors are problem+json):
//   POST /api/v1/auth/register, POST /users/register   {email, password, name}
//        201 {user_id, email, name, role, access_token, token_type, expires_in, refresh_token,
//             refresh_expires_in}  (no refresh_token if it could not be stored: log in for one)
//        400 invalid_field | invalid_email | weak_password, 409 email_taken,
//        429 rate_limited (sign-ups of the address), 503 overloaded
//   POST /api/v1/auth/login, POST /users/login         {email, password}
//        200 {access_token, token_type, expires_in, refresh_token, refresh_expires_in, user_id,
//             role}
//        400 invalid_field, 401 bad_credentials (unknown email, no password, a wrong one, or a
//        banned account), 429 rate_limited (failed logins of the email or the address),
//        503 overloaded | storage_unavailable
//   POST /api/v1/auth/refresh, POST /api/v1/auth/logout: refresh_routes.h
//   GET  /api/v1/auth/me (bearer token)  200 {user_id, email, name, role, created_at}
//   GET  /health, GET /api/v1/health     200 {"status":"ok"} (503 when unhealthy)
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>

#include "auth/hashing_pool.h"
#include "auth/login_guard.h"
#include "auth/password_hasher.h"
#include "auth/refresh_token_store.h"
#include "auth/token_signer.h"
#include "auth/user_directory.h"
#include "common/types.h"
#include "http/router.h"

namespace tix::auth {

using Clock = std::function<TimePoint()>;

// The worker of durable account writes that are not password work (refreshes, logouts, bans): a
// HashingPool of its own, one thread (SQLite has one writer anyway), so that a refresh never
// waits behind a queue of Argon2id hashes — at the start of a sale, when logins pile up, is when
// someone who has waited an hour must not be logged out. A job is one or two small commits, a
// few milliseconds (each an fsync); the queue refuses (503 overloaded) past 5 s of them.
inline constexpr std::chrono::milliseconds kAccountWriteWaitMax{5'000};
inline constexpr std::size_t kAccountWritesQueuedMax = 10'000;
inline constexpr std::chrono::microseconds kAccountWriteTimeInitial{2'000};
HashingPool::Limits AccountWriterLimits();

// What the auth routes use. Everything referenced must outlive the Router (and the server).
struct AuthServices {
    UserDirectory& users;
    PasswordHasher& hasher;
    const TokenSigner& signer;
    RefreshTokenStore& refresh_tokens;
    HashingPool& account_writer;  // AccountWriterLimits(); runs refresh, logout and ban writes
    Clock clock;                  // tixd's one clock (common/clock.h)
    // Failed-login and sign-up limits; null: none.
    LoginGuard* login_guard = nullptr;
};

// Adds register, login, refresh, logout and me under /api/v1/auth and the legacy /users aliases.
// Computes one password hash up front (the decoy that logins to unknown emails, to accounts
// without a password and to banned ones verify, so that every failed login costs the same), so it
// takes as long as a hash.
void AddAuthRoutes(http::Router& router, const AuthServices& services);

// Verifies bearer tokens with `signer` against `clock`, for the Router's constructor, and looks
// the user up in `users` on every request: a validly signed token of a user that does not exist
// or is banned is refused, and the Principal's role is the one stored now, not the token's.
// REQUIRES: signer and users outlive the Router.
// Each thread remembers the tokens it verified last; a repeated token skips the signature check
// (never the user lookup).
http::TokenVerifier MakeTokenVerifier(const TokenSigner& signer, const UserDirectory& users,
                                      Clock clock);

// How often verifiers answered from the calling thread's memory of verified tokens (for tests and
// diagnostics; counted per thread so that counting costs no shared write).
std::uint64_t TokenCacheHitsOnThisThread();

// An account as its owner (GET /auth/me) and admins see it: user_id, email, name, role,
// created_at and its member weight.
boost::json::object AccountJson(const User& user);

// A positive decimal user id from a path segment ("42"), or nullopt.
std::optional<UserId> ParseUserId(std::string_view text);

// Fills in a health report. The body starts as {"status":"ok"}; the check may add fields and set
// "status" to anything else, which makes the answer 503. Runs on an IO thread: must not block.
using HealthCheck = std::function<void(boost::json::object& body)>;

// GET /health and GET /api/v1/health, public.
void AddHealthRoutes(http::Router& router, HealthCheck check = {});

}  // namespace tix::auth
