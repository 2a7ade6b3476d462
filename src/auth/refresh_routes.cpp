#include "auth/refresh_routes.h"

#include <spdlog/spdlog.h>

#include <optional>
#include <string>
#include <utility>

#include "auth/session_tokens.h"
#include "http/json_body.h"
#include "http/problem_catalog.h"

namespace tix::auth {
namespace {

using http::Problem;
using http::beast_http::status;
using http::beast_http::verb;

http::Response InvalidRefreshToken(std::string_view detail) {
    return http::ProblemResponse(Problem::kInvalidRefreshToken, detail);
}

std::string_view Describe(RefreshOutcome outcome) {
    switch (outcome) {
        case RefreshOutcome::kRotated:
            break;
        case RefreshOutcome::kUnknown:
            return "no such refresh token";
        case RefreshOutcome::kExpired:
            return "the refresh token expired: log in again";
        case RefreshOutcome::kRevoked:
            return "the refresh token was revoked: log in again";
        case RefreshOutcome::kRecentlyUsed:
            return "the refresh token was used moments ago (by another request of this client?): "
                   "use the token that request got";
        case RefreshOutcome::kReused:
            return "the refresh token was already used: every token of this login is revoked";
    }
    return "";
}

// The refresh_token of the body, or nullopt after answering 400.
std::optional<std::string> ReadRefreshToken(http::RequestContext& context,
                                            const http::Responder& respond) {
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) {
        respond(body.problem());
        return std::nullopt;
    }
    std::string token = body->RequiredString("refresh_token", kRefreshTokenReadCharsMax);
    if (!body->ok()) {
        respond(body->problem());
        return std::nullopt;
    }
    return token;
}

http::Response NoContent() {
    http::Response response(status::no_content, 11);
    response.prepare_payload();
    return response;
}

// On the account writer: rotate, then answer with the new pair.
void RotateAndAnswer(const AuthServices& services, const std::string& presented,
                     const http::Responder& respond) {
    const TimePoint now = services.clock();
    const Result<RefreshResult> result = services.refresh_tokens.Rotate(presented, now);
    if (!result.ok()) {
        spdlog::error("refresh: {}", result.status().ToString());
        return respond(http::ProblemResponse(Problem::kStorageUnavailable,
                                             "the refresh token was not used; try again"));
    }
    if (!result->ok()) {
        if (result->outcome == RefreshOutcome::kReused) {
            spdlog::warn(
                "refresh: a used token of user {} was presented again; its login's "
                "tokens are revoked",
                result->user_id.value());
        }
        return respond(InvalidRefreshToken(Describe(result->outcome)));
    }
    const std::optional<Role> role = services.users.ActiveRole(result->user_id);
    if (!role) {
        // A ban revokes the account's tokens; this is the one that slipped past a ban whose
        // revocation failed (the admin is told to repeat it), or whose account is gone.
        const Result<std::size_t> revoked =
            services.refresh_tokens.RevokeUser(result->user_id, now);
        if (!revoked.ok()) spdlog::error("refresh: revoking: {}", revoked.status().ToString());
        return respond(InvalidRefreshToken("the account is banned or no longer exists"));
    }
    boost::json::object body{{"user_id", result->user_id.value()}, {"role", RoleName(*role)}};
    AddAccessToken(body, services, result->user_id, *role, now);
    AddRefreshToken(body, result->next, now);
    respond(http::JsonResponse(status::ok, body));
}

// On the account writer: revoke the token's family.
void RevokeAndAnswer(const AuthServices& services, const std::string& presented,
                     const http::Responder& respond) {
    const Status status = services.refresh_tokens.RevokeFamily(presented, services.clock());
    if (!status.ok()) {
        spdlog::error("logout: {}", status.ToString());
        return respond(http::ProblemResponse(Problem::kStorageUnavailable,
                                             "the refresh token was not revoked; try again"));
    }
    respond(NoContent());
}

// A handler that reads the refresh token and runs `work` with it on the account writer. A token
// that cannot be one of ours (its length is wrong) is answered `not_ours` on the IO thread: a
// flood of garbage does not fill the writer's queue ahead of real refreshes.
template <typename Work>
http::Handler OnAccountWriter(const AuthServices& services, Work work,
                              http::Response (*not_ours)()) {
    return [services, work, not_ours](http::RequestContext& context, http::Responder respond) {
        std::optional<std::string> token = ReadRefreshToken(context, respond);
        if (!token) return;
        if (token->size() != kRefreshTokenChars) return respond(not_ours());
        auto job = [services, work, token = std::move(*token), respond] {
            work(services, token, respond);
        };
        if (!services.account_writer.Submit(std::move(job))) {
            respond(http::ProblemResponse(Problem::kOverloaded));
        }
    };
}

}  // namespace

void AddRefreshRoutes(http::Router& router, const AuthServices& services) {
    router.Add(verb::post, "/api/v1/auth/refresh", http::Access::kPublic,
               OnAccountWriter(services, RotateAndAnswer, [] {
                   return InvalidRefreshToken(Describe(RefreshOutcome::kUnknown));
               }));
    router.Add(verb::post, "/api/v1/auth/logout", http::Access::kPublic,
               OnAccountWriter(services, RevokeAndAnswer, NoContent));
}

}  // namespace tix::auth
