#include "auth/ban_routes.h"

#include <spdlog/spdlog.h>

#include <optional>
#include <utility>

#include "common/rfc3339.h"
#include "http/problem_catalog.h"

namespace tix::auth {
namespace {

using http::Problem;
using http::beast_http::status;

http::Response UnknownUser() {
    return http::ProblemResponse(Problem::kUnknownUser, "no user with that id");
}

http::Response NotDone(std::string_view detail) {
    return http::ProblemResponse(Problem::kStorageUnavailable, detail);
}

boost::json::object BannedBody(const User& user) {
    return {{"user_id", user.user_id.value()},
            {"email", user.email},
            {"name", user.name},
            {"role", RoleName(user.role)},
            {"banned_at", FormatRfc3339(*user.banned_at)}};
}

// On the account writer: the accounts' part of the ban, then the follow-up, then the answer.
void BanAndAnswer(const AuthServices& services, const BanFollowUp& follow_up, UserId admin,
                  UserId user_id, const http::Responder& respond) {
    const TimePoint now = services.clock();
    const Result<User> banned = services.users.Ban(user_id, now);
    if (!banned.ok()) {
        if (banned.status().code() == Status::Code::kNotFound) return respond(UnknownUser());
        spdlog::error("ban of user {}: {}", user_id.value(), banned.status().ToString());
        return respond(NotDone("the ban was not stored"));
    }
    // Revoked after the ban, not in its transaction: should this fail, the refresh route still
    // refuses the account (it checks the ban), and a repeated ban revokes them.
    const Result<std::size_t> revoked = services.refresh_tokens.RevokeUser(user_id, now);
    if (!revoked.ok()) {
        spdlog::error("ban of user {}: revoking refresh tokens: {}", user_id.value(),
                      revoked.status().ToString());
        return respond(NotDone("banned, but the refresh tokens were not all revoked: repeat it"));
    }
    spdlog::info("admin {} banned user {} (banned at {}; {} refresh tokens revoked now)",
                 admin.value(), user_id.value(), FormatRfc3339(*banned->banned_at), *revoked);
    boost::json::object body = BannedBody(*banned);
    if (!follow_up) return respond(http::JsonResponse(status::ok, body));
    follow_up(user_id, [respond, body = std::move(body), user_id](bool ok) {
        if (ok) return respond(http::JsonResponse(status::ok, body));
        spdlog::error("ban of user {}: the follow-up failed", user_id.value());
        respond(NotDone("banned, but its queue entries and holds were not all removed: repeat it"));
    });
}

}  // namespace

void AddBanRoutes(http::Router& router, const AuthServices& services, BanFollowUp follow_up) {
    auto handler = [services, follow_up = std::move(follow_up)](http::RequestContext& context,
                                                                http::Responder respond) {
        const std::optional<UserId> user_id = ParseUserId(context.Param("id"));
        if (!user_id || !services.users.FindById(*user_id)) return respond(UnknownUser());
        const UserId admin = context.principal->user_id;
        if (*user_id == admin) {
            return respond(http::ProblemResponse(Problem::kCannotBanSelf,
                                                 "an admin cannot lock themselves out"));
        }
        auto job = [services, follow_up, admin, user_id = *user_id, respond] {
            BanAndAnswer(services, follow_up, admin, user_id, respond);
        };
        if (!services.account_writer.Submit(std::move(job))) {
            respond(http::ProblemResponse(Problem::kOverloaded));
        }
    };
    router.Add(http::beast_http::verb::post, "/api/v1/admin/users/{id}/ban", http::Access::kAdmin,
               std::move(handler));
}

}  // namespace tix::auth
