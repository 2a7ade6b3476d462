#include "auth/user_weight_routes.h"

#include <spdlog/spdlog.h>

#include <optional>

#include "http/json_body.h"
#include "http/problem_catalog.h"

namespace tix::auth {
namespace {

using http::Problem;

http::Response UnknownUser() {
    return http::ProblemResponse(Problem::kUnknownUser, "no user with that id");
}

// On the account writer: the durable write, then the answer.
void SetWeightAndAnswer(const AuthServices& services, UserId admin, UserId user_id, double weight,
                        const http::Responder& respond) {
    const Result<User> changed = services.users.SetWeight(user_id, weight);
    if (!changed.ok()) {
        if (changed.status().code() == Status::Code::kNotFound) return respond(UnknownUser());
        spdlog::error("weight of user {}: {}", user_id.value(), changed.status().ToString());
        return respond(http::ProblemResponse(Problem::kStorageUnavailable));
    }
    spdlog::info("admin {} set the member weight of user {} to {}", admin.value(), user_id.value(),
                 weight);
    respond(http::JsonResponse(http::beast_http::status::ok, AccountJson(*changed)));
}

}  // namespace

void AddUserWeightRoutes(http::Router& router, const AuthServices& services) {
    auto handler = [services](http::RequestContext& context, http::Responder respond) {
        const std::optional<UserId> user_id = ParseUserId(context.Param("id"));
        if (!user_id) return respond(UnknownUser());
        http::JsonBody body = http::ParseJsonObject(context);
        if (!body) return respond(body.problem());
        const double weight =
            body->RequiredNumber("weight", limits::kMemberWeightMin, limits::kMemberWeightMax);
        body->RejectUnknownFields({"weight"});
        if (!body->ok()) return respond(body->problem());
        if (!services.users.FindById(*user_id)) return respond(UnknownUser());
        auto job = [services, admin = context.principal->user_id, user_id = *user_id, weight,
                    respond] { SetWeightAndAnswer(services, admin, user_id, weight, respond); };
        if (!services.account_writer.Submit(std::move(job))) {
            respond(http::ProblemResponse(Problem::kOverloaded));
        }
    };
    router.Add(http::beast_http::verb::patch, "/api/v1/admin/users/{id}", http::Access::kAdmin,
               std::move(handler));
}

}  // namespace tix::auth
