#include "http/router.h"

#include <spdlog/spdlog.h>

#include <boost/url/parse.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <utility>

#include "http/problem_catalog.h"
#include "http/request_guard.h"

namespace tix::http {
namespace {

constexpr std::string_view kBearerScheme = "bearer";

[[noreturn]] void RouteDefinitionBug(std::string_view pattern, std::string_view why) {
    spdlog::critical("router: bad route '{}': {}", pattern, why);
    spdlog::default_logger()->flush();
    std::fprintf(stderr, "router: bad route '%.*s': %.*s\n", static_cast<int>(pattern.size()),
                 pattern.data(), static_cast<int>(why.size()), why.data());
    std::abort();
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

// The token of an "Authorization: Bearer <token>" header, or "" if there is none.
std::string_view BearerToken(std::string_view header) {
    if (header.size() <= kBearerScheme.size() || header[kBearerScheme.size()] != ' ') return {};
    if (!EqualsIgnoreCase(header.substr(0, kBearerScheme.size()), kBearerScheme)) return {};
    std::string_view token = header.substr(kBearerScheme.size());
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    return token;
}

std::string AllowHeader(const std::vector<beast_http::verb>& verbs) {
    std::string allow;
    for (const auto verb : verbs) {
        if (!allow.empty()) allow += ", ";
        const auto name = beast_http::to_string(verb);
        allow.append(name.data(), name.size());
    }
    return allow;
}

// Answers the guard's refusal and returns true, or returns false to go on.
bool Refused(std::optional<Response> refusal, const Responder& respond) {
    if (!refusal) return false;
    respond(std::move(*refusal));
    return true;
}

}  // namespace

Router::Router(TokenVerifier verifier, std::shared_ptr<RequestGuard> guard)
    : verifier_(std::move(verifier)), guard_(std::move(guard)) {}

void Router::Add(beast_http::verb verb, std::string_view pattern, Access access, Handler handler) {
    if (pattern.empty() || pattern.front() != '/') RouteDefinitionBug(pattern, "must start with /");
    if (!handler) RouteDefinitionBug(pattern, "no handler");
    Route route{.verb = verb,
                .pattern = std::string(pattern),
                .access = access,
                .endpoint_class = ClassifyRoute(verb, pattern),
                .handler = std::move(handler)};
    std::string_view rest = pattern.substr(1);
    while (!rest.empty()) {
        const std::size_t slash = rest.find('/');
        const std::string_view text = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
        Segment segment{std::string(text), false};
        if (!text.empty() && text.front() == '{') {
            if (text.size() < 3 || text.back() != '}') RouteDefinitionBug(pattern, "bad {param}");
            segment = {std::string(text.substr(1, text.size() - 2)), true};
            for (const auto& other : route.segments) {
                if (other.is_param && other.text == segment.text) {
                    RouteDefinitionBug(pattern, "duplicate parameter name");
                }
            }
        }
        if (segment.text.find_first_of("{}") != std::string::npos) {
            RouteDefinitionBug(pattern, "braces inside a segment");
        }
        route.segments.push_back(std::move(segment));
    }
    for (const auto& other : routes_) {
        if (other.verb != verb || other.segments.size() != route.segments.size()) continue;
        bool same_shape = true;
        for (std::size_t i = 0; i < route.segments.size() && same_shape; ++i) {
            const auto& a = route.segments[i];
            const auto& b = other.segments[i];
            same_shape = a.is_param == b.is_param && (a.is_param || a.text == b.text);
        }
        if (same_shape) RouteDefinitionBug(pattern, "same verb and shape as " + other.pattern);
    }
    routes_.push_back(std::move(route));
}

bool Router::Matches(const Route& route, const std::vector<std::string>& path) {
    if (route.segments.size() != path.size()) return false;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (!route.segments[i].is_param && route.segments[i].text != path[i]) return false;
    }
    return true;
}

bool Router::MoreSpecific(const Route& a, const Route& b) {
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
        if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
    }
    return false;
}

std::optional<Principal> Router::Authenticate(const RequestContext& context) const {
    if (!verifier_) return std::nullopt;
    const std::string_view token = BearerToken(context.Header("Authorization"));
    if (token.empty()) return std::nullopt;
    try {
        return verifier_(token);
    } catch (const std::exception& e) {
        spdlog::error("router: token verifier threw: {}", e.what());
        return std::nullopt;
    }
}

void Router::Dispatch(RequestContext& context, Responder respond) const {
    const auto target = context.request.target();
    const auto url = boost::urls::parse_origin_form({target.data(), target.size()});
    if (!url) {
        respond(ProblemResponse(Problem::kBadRequest, "malformed request target"));
        return;
    }
    std::vector<std::string> path;
    for (auto segment : url->segments()) path.push_back(std::move(segment));

    const Route* best = nullptr;
    std::vector<beast_http::verb> allowed;
    for (const auto& route : routes_) {
        if (!Matches(route, path)) continue;
        if (route.verb != context.request.method()) {
            allowed.push_back(route.verb);
        } else if (best == nullptr || MoreSpecific(route, *best)) {
            best = &route;
        }
    }
    // Before the token is verified: a flood from one address costs no signature checks.
    const EndpointClass endpoint_class = best ? best->endpoint_class : EndpointClass::kReads;
    if (guard_ && Refused(guard_->AdmitClient(endpoint_class, context), respond)) return;
    if (best == nullptr) {
        if (allowed.empty()) {
            respond(ProblemResponse(Problem::kNotFound, "no resource at this path"));
            return;
        }
        Response response = ProblemResponse(Problem::kMethodNotAllowed);
        response.set(beast_http::field::allow, AllowHeader(allowed));
        respond(std::move(response));
        return;
    }

    context.params.clear();
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (best->segments[i].is_param) {
            context.params.emplace_back(best->segments[i].text, std::move(path[i]));
        }
    }
    context.query.clear();
    for (const auto& param : url->params()) context.query.emplace_back(param.key, param.value);

    context.principal = Authenticate(context);
    if (best->access != Access::kPublic && !context.principal) {
        const bool sent_token = !context.Header("Authorization").empty();
        Response response = ProblemResponse(
            Problem::kUnauthorized,
            sent_token ? "the bearer token is invalid or expired" : "send a bearer token");
        response.set(beast_http::field::www_authenticate,
                     sent_token ? "Bearer error=\"invalid_token\"" : "Bearer");
        respond(std::move(response));
        return;
    }
    if (guard_ && context.principal &&
        Refused(guard_->AdmitAccount(endpoint_class, *context.principal), respond)) {
        return;
    }
    if (best->access == Access::kAdmin && !context.principal->is_admin()) {
        respond(ProblemResponse(Problem::kForbidden, "this action needs the admin role"));
        return;
    }
    if (best->access == Access::kScanner && !context.principal->may_scan()) {
        respond(ProblemResponse(Problem::kForbidden, "this action needs the scanner role"));
        return;
    }
    CallHandler(*best, context, respond);
}

void Router::CallHandler(const Route& route, RequestContext& context, const Responder& respond) {
    const char* what = nullptr;
    try {
        route.handler(context, respond);
        return;
    } catch (const std::exception& e) {
        spdlog::error("router: handler for {} threw: {}", route.pattern, e.what());
        what = "handler failed";
    } catch (...) {
        spdlog::error("router: handler for {} threw a non-standard exception", route.pattern);
        what = "handler failed";
    }
    // If the handler answered before throwing, the server ignores this second answer.
    respond(ProblemResponse(Problem::kInternal, what));
}

}  // namespace tix::http
