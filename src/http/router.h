// Router: maps a request's method and path to a route handler, after enforcing the route's
// Access level with a bearer token verifier and, when it has a RequestGuard, the rate limits of
// the route's EndpointClass (per client address first, per account once the token is verified;
// in this one place, so no route can forget them). Build it once on one thread before the server
// starts (Add is not thread-safe); afterwards it is read-only and Dispatch may run on any number
// of IO threads at once.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/endpoint_class.h"
#include "http/handler.h"

namespace tix::http {

// Turns a bearer token into a Principal, or nullopt when the token is invalid or expired.
// Called on IO threads, concurrently: it must be thread-safe and must not block.
using TokenVerifier = std::function<std::optional<Principal>(std::string_view token)>;

class RequestGuard;

class Router {
  public:
    // Without a verifier every request is anonymous (kUser and kAdmin routes answer 401). Without
    // a guard nothing is rate-limited.
    explicit Router(TokenVerifier verifier = {}, std::shared_ptr<RequestGuard> guard = nullptr);

    // Adds a route. `pattern` is "/"-separated literal segments and "{name}" parameters,
    // e.g. "/api/v1/events/{id}/orders". When several patterns match a path, the one with a
    // literal at the first differing segment wins ("/events/search" beats "/events/{id}").
    // REQUIRES: the pattern starts with '/', every parameter name is non-empty and distinct,
    // and no route with the same verb and the same shape exists yet. A violation is a bug in
    // the composition root and aborts.
    void Add(beast_http::verb verb, std::string_view pattern, Access access, Handler handler);

    // Fills context.params, context.query and context.principal (and context.client_ip behind a
    // trusted proxy), checks limits and access and calls the handler, which answers through
    // `respond`. Every failure is answered here with a problem+json response: 400 bad_request
    // (unparsable target), 404 not_found, 405 method_not_allowed (with Allow), 429 rate_limited
    // (with Retry-After), 401 unauthorized (with WWW-Authenticate), 403 forbidden, and
    // 500 internal when the handler throws (logged; never propagated).
    // REQUIRES: context.request is set and context stays valid until `respond` is called.
    void Dispatch(RequestContext& context, Responder respond) const;

    std::size_t route_count() const { return routes_.size(); }

  private:
    struct Segment {
        std::string text;  // the literal, or the parameter name
        bool is_param = false;
    };
    struct Route {
        beast_http::verb verb;
        std::string pattern;
        std::vector<Segment> segments;
        Access access;
        EndpointClass endpoint_class;
        Handler handler;
    };

    static bool Matches(const Route& route, const std::vector<std::string>& path);
    static bool MoreSpecific(const Route& a, const Route& b);
    std::optional<Principal> Authenticate(const RequestContext& context) const;
    static void CallHandler(const Route& route, RequestContext& context, const Responder& respond);

    TokenVerifier verifier_;
    std::shared_ptr<RequestGuard> guard_;
    std::vector<Route> routes_;
};

}  // namespace tix::http
