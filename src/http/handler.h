// What a route handler sees and how it answers. Handlers are plain functions over a
// RequestContext; they may answer at once or later from another thread (after a group commit):
// Responder is thread-safe to call, exactly once, and posts the write to the connection's strand.
#pragma once

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/types.h"

namespace tix::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;

// Who sent the request, from a verified bearer token.
struct Principal {
    UserId user_id{};
    Role role = Role::kUser;
    bool is_admin() const { return role == Role::kAdmin; }
    bool may_scan() const { return role == Role::kScanner || role == Role::kAdmin; }
};

struct RequestContext {
    Request request;                                          // owned: safe to read until answered
    std::vector<std::pair<std::string, std::string>> params;  // from the route pattern, "{id}"
    std::vector<std::pair<std::string, std::string>> query;   // decoded ?k=v pairs
    std::optional<Principal> principal;                       // set when a valid token was sent
    // The peer's address; behind a trusted proxy, the client it names (http/request_guard.h).
    std::string client_ip;

    // The value of a path parameter, or "" if the pattern has none by that name.
    std::string_view Param(std::string_view name) const;
    // The first query value by that name, if present.
    std::optional<std::string_view> Query(std::string_view name) const;
    // A request header, or "" when absent.
    std::string_view Header(std::string_view name) const;
};

// Answers a request once, from any thread.
class Responder {
  public:
    using SendFn = std::function<void(Response)>;
    explicit Responder(SendFn send) : send_(std::move(send)) {}
    void operator()(Response response) const { send_(std::move(response)); }

  private:
    SendFn send_;
};

using Handler = std::function<void(RequestContext& context, Responder respond)>;

enum class Access : std::uint8_t {
    kPublic,   // no token needed (a valid one still sets principal)
    kUser,     // 401 without a valid token
    kAdmin,    // 401 without a valid token, 403 for a non-admin
    kScanner,  // 401 without a valid token, 403 unless a scanner or an admin (gate staff)
};

Response JsonResponse(beast_http::status status, const boost::json::value& body);

// Error answers come from the problem catalog: ProblemResponse(Problem, detail) in
// http/problem_catalog.h.

}  // namespace tix::http
