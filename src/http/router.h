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
#include "http/websocket_route.h"

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
    // Adds a WebSocket route: a GET with "Upgrade: websocket" on `pattern` goes to `handler`
    // through DispatchUpgrade; a plain request there is answered 426 upgrade_required. Same
    // REQUIRES as Add, among the WebSocket routes.
    void AddWebSocket(std::string_view pattern, Access access, UpgradeHandler handler);
    // Sets what answers the paths no route claims: the web front end's files. A request goes to
    // `handler` when its path matches no route (HTTP or WebSocket, whatever the method) and its
    // first segment is none of `reserved_first_segments` ("api", "ws": the API's unknown paths
    // keep their 404). Only GET and HEAD get there; other methods answer 405 with
    // "Allow: GET, HEAD". The handler sees no principal (a token is never read for a file) and is
    // rate-limited per address as EndpointClass::kStatic. REQUIRES: called at most once.
    void SetFallback(std::vector<std::string> reserved_first_segments, Handler handler);

    // Fills context.params, context.query and context.principal (and context.client_ip behind a
    // trusted proxy), checks limits and access and calls the handler, which answers through
    // `respond`. Every failure is answered here with a problem+json response: 400 bad_request
    // (unparsable target), 404 not_found, 405 method_not_allowed (with Allow), 429 rate_limited
    // (with Retry-After), 401 unauthorized (with WWW-Authenticate), 403 forbidden, and
    // 500 internal when the handler throws (logged; never propagated). With a fallback
    // (SetFallback), the paths it claims go to it instead of 404.
    // REQUIRES: context.request is set and context stays valid until `respond` is called.
    void Dispatch(RequestContext& context, Responder respond) const;
    // Dispatch for a WebSocket upgrade request (websocket::is_upgrade), among the WebSocket
    // routes, with the same checks and answers, refused through `respond`. The token may come as
    // `?token=` (browsers cannot set headers on a WebSocket) or as a bearer header; one that is
    // sent must be valid even on a public route: 401 otherwise, not an anonymous socket.
    // REQUIRES: as Dispatch.
    void DispatchUpgrade(RequestContext& context, UpgradeResponder respond) const;

    std::size_t route_count() const { return routes_.size(); }
    bool has_websocket_routes() const { return !websocket_routes_.empty(); }

  private:
    struct Segment {
        std::string text;  // the literal, or the parameter name
        bool is_param = false;
    };
    struct Pattern {
        std::string text;
        std::vector<Segment> segments;
    };
    struct Route {
        beast_http::verb verb;
        Pattern pattern;
        Access access;
        EndpointClass endpoint_class;
        Handler handler;
    };
    struct WebSocketRoute {
        Pattern pattern;
        Access access;
        EndpointClass endpoint_class;
        UpgradeHandler handler;
    };
    // The request target split into decoded path segments and query pairs.
    struct Target {
        std::vector<std::string> path;
        std::vector<std::pair<std::string, std::string>> query;
    };

    // Aborts on a malformed pattern (a bug in the composition root).
    static Pattern ParsePattern(std::string_view pattern);
    static bool SameShape(const Pattern& a, const Pattern& b);
    static bool Matches(const Pattern& pattern, const std::vector<std::string>& path);
    static bool MoreSpecific(const Pattern& a, const Pattern& b);
    static std::optional<Target> ParseTarget(const RequestContext& context);
    const WebSocketRoute* FindWebSocketRoute(const std::vector<std::string>& path) const;
    // Fills context.params, query and principal from the matched route and checks its access and
    // the account's rate: the refusal to send, or nullopt to call the handler.
    std::optional<Response> Admit(const Pattern& pattern, Access access,
                                  EndpointClass endpoint_class, Target target,
                                  std::string_view token, RequestContext& context) const;
    std::optional<Principal> Authenticate(std::string_view token) const;
    // True when a path that matches no route is the fallback's to answer.
    bool FallsBack(const std::vector<std::string>& path) const;
    void DispatchFallback(Target target, RequestContext& context, const Responder& respond) const;
    // Calls the handler and answers 500 when it throws; `name` names it in the log.
    static void CallHandler(const Handler& handler, std::string_view name, RequestContext& context,
                            const Responder& respond);

    TokenVerifier verifier_;
    std::shared_ptr<RequestGuard> guard_;
    std::vector<Route> routes_;
    std::vector<WebSocketRoute> websocket_routes_;
    std::vector<std::string> reserved_first_segments_;
    Handler fallback_;
};

}  // namespace tix::http
