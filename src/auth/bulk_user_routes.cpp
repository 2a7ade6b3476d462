#include "auth/bulk_user_routes.h"

#include <spdlog/spdlog.h>

#include <string>
#include <utility>
#include <vector>

#include "auth/registration.h"
#include "http/json_body.h"
#include "http/problem_catalog.h"

namespace tix::auth {
namespace {

using http::beast_http::status;
namespace json = boost::json;

constexpr std::size_t kEmailPartCharsMax = 100;
constexpr std::int64_t kStartMax = 1'000'000'000;
// Not an Argon2id string, so verification always fails: these accounts cannot log in.
constexpr std::string_view kNoPassword = "!no-password";

struct BulkRequest {
    std::int64_t count = 0;
    std::string email_prefix;
    std::string email_domain;
    std::int64_t start = 0;

    std::string Email(std::int64_t i) const {
        return email_prefix + std::to_string(start + i) + "@" + email_domain;
    }
};

void CreateAndReply(const AuthServices& services, const BulkRequest& request,
                    const http::Responder& respond) {
    std::vector<UserDirectory::NewUser> new_users;
    new_users.reserve(static_cast<std::size_t>(request.count));
    for (std::int64_t i = 0; i < request.count; ++i) {
        new_users.push_back({request.Email(i), "Bulk user " + std::to_string(request.start + i),
                             std::string(kNoPassword), Role::kUser});
    }
    const TimePoint now = services.clock();
    Result<std::vector<User>> users = services.users.CreateMany(new_users, now);
    if (!users.ok()) {
        if (users.status().code() == Status::Code::kAlreadyExists) {
            return respond(
                http::ProblemResponse(http::Problem::kEmailTaken, users.status().message()));
        }
        spdlog::error("bulk users: {}", users.status().ToString());
        return respond(
            http::ProblemResponse(http::Problem::kStorageUnavailable, "no account was stored"));
    }
    json::array listed;
    listed.reserve(users->size());
    for (const User& user : *users) {
        listed.push_back(
            json::object{{"user_id", user.user_id.value()},
                         {"email", user.email},
                         {"access_token", services.signer.Issue(user.user_id, user.role, now)}});
    }
    respond(
        http::JsonResponse(status::created, {{"users", std::move(listed)},
                                             {"token_type", "Bearer"},
                                             {"expires_in", services.signer.lifetime().count()}}));
}

}  // namespace

void AddBulkUserRoutes(http::Router& router, const AuthServices& services) {
    auto handler = [services](http::RequestContext& context, http::Responder respond) {
        http::JsonBody body = http::ParseJsonObject(context);
        if (!body) return respond(body.problem());
        body->RejectUnknownFields({"count", "email_prefix", "email_domain", "start"});
        BulkRequest request;
        request.count = body->RequiredInt("count", 1, kBulkUsersMax);
        request.email_prefix = body->RequiredString("email_prefix", kEmailPartCharsMax, 0);
        request.email_domain = body->RequiredString("email_domain", kEmailPartCharsMax);
        request.start = body->OptionalInt("start", 0, kStartMax).value_or(0);
        if (!body->ok()) return respond(body->problem());
        // The first and last emails have the shortest and longest numbers: if both are valid,
        // all are.
        for (const std::string& email : {request.Email(0), request.Email(request.count - 1)}) {
            if (!IsValidEmail(email)) {
                return respond(http::ProblemResponse(http::Problem::kInvalidEmail,
                                                     "not a valid email: " + email));
            }
        }
        auto job = [services, request = std::move(request), respond]() {
            CreateAndReply(services, request, respond);
        };
        if (!services.hasher.RunAsync(std::move(job))) {
            respond(http::ProblemResponse(http::Problem::kOverloaded));
        }
    };
    router.Add(http::beast_http::verb::post, "/api/v1/admin/users/bulk", http::Access::kAdmin,
               std::move(handler));
}

}  // namespace tix::auth
