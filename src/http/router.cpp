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

Router::Pattern Router::ParsePattern(std::string_view pattern) {
    if (pattern.empty() || pattern.front() != '/') RouteDefinitionBug(pattern, "must start with /");
    Pattern parsed{.text = std::string(pattern), .segments = {}};
    std::string_view rest = pattern.substr(1);
    while (!rest.empty()) {
        const std::size_t slash = rest.find('/');
        const std::string_view text = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
        Segment segment{std::string(text), false};
        if (!text.empty() && text.front() == '{') {
            if (text.size() < 3 || text.back() != '}') RouteDefinitionBug(pattern, "bad {param}");
            segment = {std::string(text.substr(1, text.size() - 2)), true};
            for (const auto& other : parsed.segments) {
                if (other.is_param && other.text == segment.text) {
                    RouteDefinitionBug(pattern, "duplicate parameter name");
                }
            }
        }
        if (segment.text.find_first_of("{}") != std::string::npos) {
            RouteDefinitionBug(pattern, "braces inside a segment");
        }
        parsed.segments.push_back(std::move(segment));
    }
    return parsed;
}

bool Router::SameShape(const Pattern& a, const Pattern& b) {
    if (a.segments.size() != b.segments.size()) return false;
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
        const auto& x = a.segments[i];
        const auto& y = b.segments[i];
        if (x.is_param != y.is_param || (!x.is_param && x.text != y.text)) return false;
    }
    return true;
}

void Router::Add(beast_http::verb verb, std::string_view pattern, Access access, Handler handler) {
    if (!handler) RouteDefinitionBug(pattern, "no handler");
    Route route{.verb = verb,
                .pattern = ParsePattern(pattern),
                .access = access,
                .endpoint_class = ClassifyRoute(verb, pattern),
                .handler = std::move(handler)};
    for (const auto& other : routes_) {
        if (other.verb == verb && SameShape(other.pattern, route.pattern)) {
            RouteDefinitionBug(pattern, "same verb and shape as " + other.pattern.text);
        }
    }
    routes_.push_back(std::move(route));
}

void Router::AddWebSocket(std::string_view pattern, Access access, UpgradeHandler handler) {
    if (!handler) RouteDefinitionBug(pattern, "no handler");
    WebSocketRoute route{.pattern = ParsePattern(pattern),
                         .access = access,
                         .endpoint_class = ClassifyRoute(beast_http::verb::get, pattern),
                         .handler = std::move(handler)};
    for (const auto& other : websocket_routes_) {
        if (SameShape(other.pattern, route.pattern)) {
            RouteDefinitionBug(pattern, "same shape as " + other.pattern.text);
        }
    }
    websocket_routes_.push_back(std::move(route));
}

void Router::SetFallback(std::vector<std::string> reserved_first_segments, Handler handler) {
    if (!handler) RouteDefinitionBug("(fallback)", "no handler");
    if (fallback_) RouteDefinitionBug("(fallback)", "set twice");
    reserved_first_segments_ = std::move(reserved_first_segments);
    fallback_ = std::move(handler);
}

bool Router::Matches(const Pattern& pattern, const std::vector<std::string>& path) {
    if (pattern.segments.size() != path.size()) return false;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (!pattern.segments[i].is_param && pattern.segments[i].text != path[i]) return false;
    }
    return true;
}

bool Router::MoreSpecific(const Pattern& a, const Pattern& b) {
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
        if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
    }
    return false;
}

std::optional<Router::Target> Router::ParseTarget(const RequestContext& context) {
    const auto target = context.request.target();
    const auto url = boost::urls::parse_origin_form({target.data(), target.size()});
    if (!url) return std::nullopt;
    Target parsed;
    for (auto segment : url->segments()) parsed.path.push_back(std::move(segment));
    for (const auto& param : url->params()) parsed.query.emplace_back(param.key, param.value);
    return parsed;
}

const Router::WebSocketRoute* Router::FindWebSocketRoute(
    const std::vector<std::string>& path) const {
    const WebSocketRoute* best = nullptr;
    for (const auto& route : websocket_routes_) {
        if (Matches(route.pattern, path) &&
            (best == nullptr || MoreSpecific(route.pattern, best->pattern))) {
            best = &route;
        }
    }
    return best;
}

std::optional<Principal> Router::Authenticate(std::string_view token) const {
    if (!verifier_ || token.empty()) return std::nullopt;
    try {
        return verifier_(token);
    } catch (const std::exception& e) {
        spdlog::error("router: token verifier threw: {}", e.what());
        return std::nullopt;
    }
}

std::optional<Response> Router::Admit(const Pattern& pattern, Access access,
                                      EndpointClass endpoint_class, Target target,
                                      std::string_view token, RequestContext& context) const {
    context.params.clear();
    for (std::size_t i = 0; i < target.path.size(); ++i) {
        if (pattern.segments[i].is_param) {
            context.params.emplace_back(pattern.segments[i].text, std::move(target.path[i]));
        }
    }
    context.query = std::move(target.query);
    context.principal = Authenticate(token);
    if (access != Access::kPublic && !context.principal) {
        const bool sent_token = !token.empty();
        Response response = ProblemResponse(
            Problem::kUnauthorized,
            sent_token ? "the bearer token is invalid or expired" : "send a bearer token");
        response.set(beast_http::field::www_authenticate,
                     sent_token ? "Bearer error=\"invalid_token\"" : "Bearer");
        return response;
    }
    if (guard_ && context.principal) {
        if (auto refusal = guard_->AdmitAccount(endpoint_class, *context.principal)) return refusal;
    }
    if (access == Access::kAdmin && !context.principal->is_admin()) {
        return ProblemResponse(Problem::kForbidden, "this action needs the admin role");
    }
    if (access == Access::kScanner && !context.principal->may_scan()) {
        return ProblemResponse(Problem::kForbidden, "this action needs the scanner role");
    }
    return std::nullopt;
}

void Router::Dispatch(RequestContext& context, Responder respond) const {
    std::optional<Target> target = ParseTarget(context);
    if (!target) {
        respond(ProblemResponse(Problem::kBadRequest, "malformed request target"));
        return;
    }
    const Route* best = nullptr;
    std::vector<beast_http::verb> allowed;
    for (const auto& route : routes_) {
        if (!Matches(route.pattern, target->path)) continue;
        if (route.verb != context.request.method()) {
            allowed.push_back(route.verb);
        } else if (best == nullptr || MoreSpecific(route.pattern, best->pattern)) {
            best = &route;
        }
    }
    if (best == nullptr && allowed.empty() && FallsBack(target->path)) {
        DispatchFallback(std::move(*target), context, respond);
        return;
    }
    // Before the token is verified: a flood from one address costs no signature checks.
    const EndpointClass endpoint_class = best ? best->endpoint_class : EndpointClass::kReads;
    if (guard_ && Refused(guard_->AdmitClient(endpoint_class, context), respond)) return;
    if (best == nullptr) {
        if (allowed.empty()) {
            respond(FindWebSocketRoute(target->path) != nullptr
                        ? ProblemResponse(Problem::kUpgradeRequired, "this path is a WebSocket")
                        : ProblemResponse(Problem::kNotFound, "no resource at this path"));
            return;
        }
        Response response = ProblemResponse(Problem::kMethodNotAllowed);
        response.set(beast_http::field::allow, AllowHeader(allowed));
        respond(std::move(response));
        return;
    }
    const std::string_view token = BearerToken(context.Header("Authorization"));
    if (Refused(Admit(best->pattern, best->access, best->endpoint_class, std::move(*target), token,
                      context),
                respond)) {
        return;
    }
    CallHandler(best->handler, best->pattern.text, context, respond);
}

bool Router::FallsBack(const std::vector<std::string>& path) const {
    if (!fallback_) return false;
    if (!path.empty()) {
        for (const std::string& reserved : reserved_first_segments_) {
            if (path.front() == reserved) return false;
        }
    }
    return FindWebSocketRoute(path) == nullptr;
}

void Router::DispatchFallback(Target target, RequestContext& context,
                              const Responder& respond) const {
    if (guard_ && Refused(guard_->AdmitClient(EndpointClass::kStatic, context), respond)) return;
    const beast_http::verb method = context.request.method();
    if (method != beast_http::verb::get && method != beast_http::verb::head) {
        Response response = ProblemResponse(Problem::kMethodNotAllowed);
        response.set(beast_http::field::allow, "GET, HEAD");
        respond(std::move(response));
        return;
    }
    context.params.clear();
    context.query = std::move(target.query);
    context.principal.reset();
    CallHandler(fallback_, "(fallback)", context, respond);
}

void Router::DispatchUpgrade(RequestContext& context, UpgradeResponder respond) const {
    const auto refuse = [&respond](Response response) {
        // The connection closes after a refused upgrade: it asked to become something else.
        response.set(beast_http::field::connection, "close");
        respond.Refuse(std::move(response));
    };
    std::optional<Target> target = ParseTarget(context);
    if (!target) return refuse(ProblemResponse(Problem::kBadRequest, "malformed request target"));
    const WebSocketRoute* route = FindWebSocketRoute(target->path);
    const EndpointClass endpoint_class = route ? route->endpoint_class : EndpointClass::kReads;
    if (guard_) {
        if (auto refusal = guard_->AdmitClient(endpoint_class, context)) return refuse(*refusal);
    }
    if (route == nullptr) return refuse(ProblemResponse(Problem::kNotFound, "no WebSocket here"));
    std::string token;
    for (const auto& [key, value] : target->query) {
        if (key == "token") token = value;
    }
    if (token.empty()) token = BearerToken(context.Header("Authorization"));
    // A public socket still refuses a bad token: a client that meant to sign in should hear so.
    const Access access =
        route->access == Access::kPublic && !token.empty() ? Access::kUser : route->access;
    if (auto refusal = Admit(route->pattern, access, route->endpoint_class, std::move(*target),
                             token, context)) {
        return refuse(std::move(*refusal));
    }
    try {
        route->handler(context, respond);
    } catch (const std::exception& e) {
        spdlog::error("router: WebSocket handler for {} threw: {}", route->pattern.text, e.what());
        refuse(ProblemResponse(Problem::kInternal, "handler failed"));
    }
}

void Router::CallHandler(const Handler& handler, std::string_view name, RequestContext& context,
                         const Responder& respond) {
    const char* what = nullptr;
    try {
        handler(context, respond);
        return;
    } catch (const std::exception& e) {
        spdlog::error("router: handler for {} threw: {}", name, e.what());
        what = "handler failed";
    } catch (...) {
        spdlog::error("router: handler for {} threw a non-standard exception", name);
        what = "handler failed";
    }
    // If the handler answered before throwing, the server ignores this second answer.
    respond(ProblemResponse(Problem::kInternal, what));
}

}  // namespace tix::http
