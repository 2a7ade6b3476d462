#include "auth/auth_routes.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "auth/refresh_routes.h"
#include "auth/registration.h"
#include "auth/session_tokens.h"
#include "common/rfc3339.h"
#include "http/json_body.h"
#include "http/problem_catalog.h"

namespace tix::auth {
namespace {

using http::beast_http::status;
using http::beast_http::verb;
namespace json = boost::json;

// Read limits for request fields. Emails and passwords are read generously so the specific
// rules in registration.h (invalid_email, weak_password) decide, not a generic length error.
constexpr std::size_t kEmailReadCharsMax = 1024;

using http::Problem;

http::Response Overloaded() { return http::ProblemResponse(Problem::kOverloaded); }

http::Response Internal(std::string_view detail) {
    return http::ProblemResponse(Problem::kInternal, detail);
}

http::Response BadCredentials() { return http::ProblemResponse(Problem::kBadCredentials); }

http::Response EmailTaken() { return http::ProblemResponse(Problem::kEmailTaken); }

http::Response CredentialProblemResponse(CredentialProblem problem) {
    const std::string_view detail = Describe(problem);
    switch (problem) {
        case CredentialProblem::kInvalidEmail:
            return http::ProblemResponse(Problem::kInvalidEmail, detail);
        case CredentialProblem::kWeakPassword:
        case CredentialProblem::kCommonPassword:
        case CredentialProblem::kSimplePassword:
            return http::ProblemResponse(Problem::kWeakPassword, detail);
        case CredentialProblem::kNone:
        case CredentialProblem::kPasswordTooLong:
        case CredentialProblem::kInvalidName:
            break;
    }
    return http::ProblemResponse(Problem::kInvalidField, detail);
}

// The handlers, sharing the services and the decoy hash. Lives as long as the routes.
class AuthHandlers : public std::enable_shared_from_this<AuthHandlers> {
  public:
    AuthHandlers(const AuthServices& services, std::string decoy_hash)
        : services_(services), decoy_hash_(std::move(decoy_hash)) {}

    void Register(http::RequestContext& context, http::Responder respond) {
        Enroll(context, std::move(respond), std::nullopt);
    }

    // POST /api/v1/admin/users: an admin makes an account with a role (gate staff: "scanner").
    void CreateAccount(http::RequestContext& context, http::Responder respond) {
        http::JsonBody body = http::ParseJsonObject(context);
        if (!body) return respond(body.problem());
        const std::optional<std::string> role_name = body->OptionalString("role", 16);
        if (!body->ok()) return respond(body->problem());
        const std::optional<Role> role = ParseRole(role_name.value_or("user"));
        if (!role) {
            return respond(http::ProblemResponse(Problem::kInvalidField,
                                                 "role must be user, scanner or admin"));
        }
        Enroll(context, std::move(respond), role);
    }

    // A sign-up (no `role`: a user who gets a session) or an admin's new account.
    void Enroll(http::RequestContext& context, http::Responder respond, std::optional<Role> role) {
        http::JsonBody body = http::ParseJsonObject(context);
        if (!body) return respond(body.problem());
        std::string email = body->RequiredString("email", kEmailReadCharsMax, 0);
        std::string password = body->RequiredString("password", kPasswordCharsMax, 0);
        std::string name = body->RequiredString("name", kNameCharsMax, 0);
        if (role) body->OptionalString("role", 16);
        if (!body->ok()) return respond(body->problem());
        const CredentialProblem problem = CheckNewUser(email, password, name);
        if (problem != CredentialProblem::kNone) {
            return respond(CredentialProblemResponse(problem));
        }
        // Checked again when storing; this only saves a hash on the common case.
        if (services_.users.FindByEmail(email)) return respond(EmailTaken());
        if (!role) {
            if (auto refusal = AdmitRegistration(context.client_ip)) return respond(*refusal);
        }
        auto done = [self = shared_from_this(), respond, email = std::move(email),
                     name = std::move(name), role](Result<std::string> hash) {
            self->FinishRegister(respond, email, name, role, std::move(hash));
        };
        if (!services_.hasher.HashAsync(std::move(password), std::move(done))) {
            if (!role) RefundRegistration(context.client_ip);
            respond(Overloaded());
        }
    }

    void Login(http::RequestContext& context, http::Responder respond) {
        http::JsonBody body = http::ParseJsonObject(context);
        if (!body) return respond(body.problem());
        std::string email = body->RequiredString("email", kEmailReadCharsMax);
        std::string password = body->RequiredString("password", kPasswordCharsMax);
        if (!body->ok()) return respond(body->problem());
        LoginGuard::Attempt attempt;
        if (auto refusal = AdmitLogin(email, context.client_ip, attempt)) return respond(*refusal);

        std::optional<User> user = services_.users.FindByEmail(email);
        // An unknown email, an account without a password (bulk-created) and a banned account
        // verify the decoy, a hash at the configured cost: every failed login costs the one same
        // verification, so response times do not tell which emails have accounts, or which
        // accounts are banned.
        if (user && (!services_.hasher.IsPasswordHash(user->password_hash) || user->banned_at)) {
            user.reset();
        }
        std::string hash = user ? user->password_hash : decoy_hash_;
        auto done = [self = shared_from_this(), respond, user = std::move(user),
                     attempt](PasswordHasher::LoginCheck check) {
            // Read again now: a ban may have landed while the password was checked.
            const std::optional<Role> role =
                user ? self->services_.users.ActiveRole(user->user_id) : std::nullopt;
            if (!check.matches || !role) {
                self->RecordFailure(attempt);
                return respond(BadCredentials());
            }
            self->GiveBack(attempt);  // only failures count against the limits
            if (check.rehashed) self->StoreRehash(*user, *check.rehashed);
            respond(self->SessionResponse(status::ok, *user, *role, false));
        };
        if (!services_.hasher.CheckLoginAsync(std::move(hash), std::move(password),
                                              std::move(done))) {
            GiveBack(attempt);
            respond(Overloaded());
        }
    }

    void Me(http::RequestContext& context, http::Responder respond) {
        const std::optional<User> user = services_.users.FindById(context.principal->user_id);
        if (!user) {
            return respond(
                http::ProblemResponse(Problem::kUnauthorized, "the token's user does not exist"));
        }
        respond(http::JsonResponse(status::ok, AccountJson(*user)));
    }

  private:
    TimePoint Now() const { return services_.clock(); }

    // The 429 for a sign-up over its address's limit, or nullopt (a token taken) to go on.
    std::optional<http::Response> AdmitRegistration(std::string_view client_ip) const {
        if (!services_.login_guard) return std::nullopt;
        const auto admitted = services_.login_guard->BeginRegistration(client_ip, Now());
        if (admitted.allowed) return std::nullopt;
        return http::RateLimitedResponse(admitted.retry_after,
                                         "too many sign-ups from this address");
    }
    void RefundRegistration(std::string_view client_ip) const {
        if (services_.login_guard) services_.login_guard->RefundRegistration(client_ip, Now());
    }

    // The 429 for a login over a failed-login limit, or nullopt (and `attempt` to settle) to go on.
    std::optional<http::Response> AdmitLogin(std::string_view email, std::string_view client_ip,
                                             LoginGuard::Attempt& attempt) const {
        if (!services_.login_guard) return std::nullopt;
        attempt = services_.login_guard->BeginLogin(email, client_ip, Now());
        if (attempt.allowed) return std::nullopt;
        return http::RateLimitedResponse(attempt.retry_after,
                                         "too many failed logins for this email or address");
    }
    void GiveBack(const LoginGuard::Attempt& attempt) const {
        if (services_.login_guard) services_.login_guard->Refund(attempt, Now());
    }
    void RecordFailure(const LoginGuard::Attempt& attempt) const {
        if (services_.login_guard) services_.login_guard->RecordFailure(attempt, Now());
    }

    // On a hasher thread: store the user and answer.
    void FinishRegister(const http::Responder& respond, const std::string& email,
                        const std::string& name, std::optional<Role> role,
                        Result<std::string> hash) {
        if (!hash.ok()) {
            spdlog::error("register: {}", hash.status().ToString());
            return respond(Internal("could not hash the password"));
        }
        const Result<User> user = services_.users.Create(
            email, name, *hash, role.value_or(Role::kUser), services_.clock());
        if (user.ok() && role) {
            return respond(http::JsonResponse(status::created, {{"user_id", user->user_id.value()},
                                                                {"email", user->email},
                                                                {"name", user->name},
                                                                {"role", RoleName(user->role)}}));
        }
        if (user.ok()) return respond(SessionResponse(status::created, *user, user->role, true));
        if (user.status().code() == Status::Code::kAlreadyExists) return respond(EmailTaken());
        spdlog::error("register: storing user: {}", user.status().ToString());
        respond(http::ProblemResponse(Problem::kStorageUnavailable, "the account was not stored"));
    }

    // On a hasher thread, before the login is answered: the hash at the configured cost replaces
    // the user's old one durably. A failure costs nothing but the upgrade (the old hash still
    // works; the next login tries again), so the login succeeds anyway.
    void StoreRehash(const User& user, const std::string& rehashed) {
        const Status status =
            services_.users.ReplacePasswordHash(user.user_id, user.password_hash, rehashed);
        if (status.ok()) {
            spdlog::debug("login: upgraded the password hash of user {}", user.user_id.value());
        } else if (status.code() == Status::Code::kNotFound) {
            spdlog::info("login: user {}: hash changed meanwhile, not upgraded",
                         user.user_id.value());
        } else {
            spdlog::warn("login: storing the upgraded hash of user {}: {}", user.user_id.value(),
                         status.ToString());
        }
    }

    // On a hasher thread: the answer of a login or a sign-up, with the tokens of a new session.
    http::Response SessionResponse(status code, const User& user, Role role,
                                   bool with_profile) const {
        json::object body{{"user_id", user.user_id.value()}, {"role", RoleName(role)}};
        if (with_profile) {
            body["email"] = user.email;
            body["name"] = user.name;
        }
        const Status stored = AddNewSession(body, services_, user.user_id, role, Now());
        if (!stored.ok()) {
            spdlog::error("auth: storing a refresh token of user {}: {}", user.user_id.value(),
                          stored.ToString());
            // The new account exists whatever happens: its sign-up is answered, without a
            // refresh token (a login gets one). A login that cannot give one fails as a whole.
            if (!with_profile) {
                return http::ProblemResponse(Problem::kStorageUnavailable,
                                             "the session could not be stored; log in again");
            }
        }
        return http::JsonResponse(code, body);
    }

    const AuthServices services_;
    const std::string decoy_hash_;
};

}  // namespace

boost::json::object AccountJson(const User& user) {
    return {{"user_id", user.user_id.value()},
            {"email", user.email},
            {"name", user.name},
            {"role", RoleName(user.role)},
            {"created_at", FormatRfc3339(user.created_at)},
            {"weight", user.weight}};
}

std::optional<UserId> ParseUserId(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0) return std::nullopt;
    return UserId{value};
}

void AddAuthRoutes(http::Router& router, const AuthServices& services) {
    // The decoy is a real hash at the configured cost, of a password nobody knows.
    unsigned char secret[32];
    randombytes_buf(secret, sizeof(secret));
    Result<std::string> decoy =
        services.hasher.Hash({reinterpret_cast<const char*>(secret), sizeof(secret)});
    if (!decoy.ok()) spdlog::error("auth: decoy hash: {}", decoy.status().ToString());
    auto handlers = std::make_shared<AuthHandlers>(services, decoy.ok() ? *decoy : std::string());

    const auto bind = [&handlers](auto method) {
        return [handlers, method](http::RequestContext& context, http::Responder respond) {
            ((*handlers).*method)(context, std::move(respond));
        };
    };
    for (const char* prefix : {"/api/v1/auth", "/users"}) {
        const std::string base(prefix);
        router.Add(verb::post, base + "/register", http::Access::kPublic,
                   bind(&AuthHandlers::Register));
        router.Add(verb::post, base + "/login", http::Access::kPublic, bind(&AuthHandlers::Login));
    }
    router.Add(verb::get, "/api/v1/auth/me", http::Access::kUser, bind(&AuthHandlers::Me));
    router.Add(verb::post, "/api/v1/admin/users", http::Access::kAdmin,
               bind(&AuthHandlers::CreateAccount));
    AddRefreshRoutes(router, services);
}

HashingPool::Limits AccountWriterLimits() {
    return {.threads = 1,
            .wait_max = kAccountWriteWaitMax,
            .jobs_max = kAccountWritesQueuedMax,
            .job_time_initial = kAccountWriteTimeInitial};
}

namespace {

// Keep-alive clients send the same token request after request, and verifying one (three base64
// decodes, two JSON parses, an HMAC) was ~5% of tixd's CPU under load. So each thread remembers
// the tokens it verified last, in a small direct-mapped table; a hit re-checks only the expiry.
// Only tokens with a valid signature get in, so nothing can be planted.
constexpr std::size_t kVerifiedTokensPerThread = 1024;

struct VerifiedTokenSlot {
    std::uint64_t signer =
        0;  // TokenSigner::instance_id(): valid only for the signer that checked it
    std::string token;
    TokenClaims claims;
};

VerifiedTokenSlot& SlotFor(std::string_view token) {
    thread_local std::vector<VerifiedTokenSlot> slots(kVerifiedTokensPerThread);
    return slots[std::hash<std::string_view>{}(token) % slots.size()];
}

// Per thread, like the table: a shared counter would put back the contention the table avoids.
thread_local std::uint64_t token_cache_hits = 0;

// A remembered token is a valid credential, so comparing it with an early-exit `==` would let a
// client learn, byte by byte through response times, how much of a guess matches it. The length
// is not secret (every token of a signer has about the same length), so it is compared first.
bool SameToken(std::string_view remembered, std::string_view presented) {
    return remembered.size() == presented.size() &&
           sodium_memcmp(remembered.data(), presented.data(), presented.size()) == 0;
}

// The Principal of a well-signed, unexpired token: its user as the directory has it now. Nobody
// when the user is gone or banned, so a ban takes effect on the next request, cached token or
// not; the role is the stored one, so a demoted admin's old tokens carry no admin rights.
std::optional<http::Principal> PrincipalOf(const UserDirectory& users, UserId user_id) {
    const std::optional<Role> role = users.ActiveRole(user_id);
    if (!role) return std::nullopt;
    return http::Principal{user_id, *role};
}

}  // namespace

std::uint64_t TokenCacheHitsOnThisThread() { return token_cache_hits; }

http::TokenVerifier MakeTokenVerifier(const TokenSigner& signer, const UserDirectory& users,
                                      Clock clock) {
    return [&signer, &users,
            clock = std::move(clock)](std::string_view token) -> std::optional<http::Principal> {
        const TimePoint now = clock();
        VerifiedTokenSlot& slot = SlotFor(token);
        if (slot.signer == signer.instance_id() && SameToken(slot.token, token)) {
            ++token_cache_hits;
            // Seconds, as in TokenSigner::Verify.
            if (ToUnixSeconds(now) >= slot.claims.expires_at_s) return std::nullopt;
            return PrincipalOf(users, slot.claims.user_id);
        }
        const VerifiedToken verified = signer.Verify(token, now);
        if (!verified.ok()) return std::nullopt;
        slot.signer = signer.instance_id();
        slot.token.assign(token);
        slot.claims = verified.claims;
        return PrincipalOf(users, verified.claims.user_id);
    };
}

void AddHealthRoutes(http::Router& router, HealthCheck check) {
    auto handler = [check = std::move(check)](http::RequestContext&, http::Responder respond) {
        json::object body{{"status", "ok"}};
        if (check) check(body);
        const json::value* state = body.if_contains("status");
        const bool healthy = state != nullptr && state->is_string() && state->get_string() == "ok";
        respond(http::JsonResponse(healthy ? status::ok : status::service_unavailable, body));
    };
    router.Add(verb::get, "/health", http::Access::kPublic, handler);
    router.Add(verb::get, "/api/v1/health", http::Access::kPublic, handler);
}

}  // namespace tix::auth
