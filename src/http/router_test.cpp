#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "http/testing.h"

namespace tix::http {
namespace {

using beast_http::status;
using beast_http::verb;
using test_support::BodyJson;
using test_support::ProblemCode;

// Dispatches synchronously and returns what was answered.
struct Outcome {
    Response response;
    RequestContext context;
    int answers = 0;
};

Outcome Dispatched(const Router& router, verb method, std::string_view target,
                   std::string_view authorization = {}) {
    Outcome outcome;
    outcome.context.request = Request(method, target, 11);
    if (!authorization.empty()) {
        outcome.context.request.set(beast_http::field::authorization, authorization);
    }
    router.Dispatch(outcome.context, Responder([&outcome](Response response) {
                        outcome.response = std::move(response);
                        ++outcome.answers;
                    }));
    return outcome;
}

Handler Echo(std::string name) {
    return [name](RequestContext&, Responder respond) {
        respond(JsonResponse(status::ok, {{"route", name}}));
    };
}

std::string RouteOf(const Outcome& outcome) {
    const auto body = BodyJson(outcome.response);
    const auto* route = body.if_contains("route");
    return route ? std::string(route->as_string()) : std::string();
}

// Tokens "user-7" and "admin-1" are valid; anything else is not.
std::optional<Principal> FakeVerifier(std::string_view token) {
    if (token == "user-7") return Principal{UserId{7}, Role::kUser};
    if (token == "admin-1") return Principal{UserId{1}, Role::kAdmin};
    return std::nullopt;
}

TEST(Router, MatchesLiteralAndParameterSegments) {
    Router router;
    router.Add(verb::get, "/api/v1/orders/{id}", Access::kPublic, Echo("order"));
    router.Add(verb::get, "/api/v1/events/{event}/seats/{seat}", Access::kPublic, Echo("seat"));
    router.Add(verb::get, "/", Access::kPublic, Echo("root"));

    auto order = Dispatched(router, verb::get, "/api/v1/orders/42");
    EXPECT_EQ(order.response.result(), status::ok);
    EXPECT_EQ(RouteOf(order), "order");
    EXPECT_EQ(order.context.Param("id"), "42");
    EXPECT_EQ(order.context.Param("missing"), "");

    auto seat = Dispatched(router, verb::get, "/api/v1/events/e1/seats/A%2010");
    EXPECT_EQ(RouteOf(seat), "seat");
    EXPECT_EQ(seat.context.Param("event"), "e1");
    EXPECT_EQ(seat.context.Param("seat"), "A 10");  // percent-decoded

    EXPECT_EQ(RouteOf(Dispatched(router, verb::get, "/")), "root");
}

TEST(Router, PrefersLiteralOverParameter) {
    Router router;
    router.Add(verb::get, "/events/{id}", Access::kPublic, Echo("by-id"));
    router.Add(verb::get, "/events/search", Access::kPublic, Echo("search"));
    EXPECT_EQ(RouteOf(Dispatched(router, verb::get, "/events/search")), "search");
    EXPECT_EQ(RouteOf(Dispatched(router, verb::get, "/events/17")), "by-id");
}

TEST(Router, ParsesAndDecodesQuery) {
    Router router;
    router.Add(verb::get, "/search", Access::kPublic, Echo("search"));
    auto outcome =
        Dispatched(router, verb::get, "/search?q=rock%20band&city=Z%C3%BCrich&q=2&flag&x=a+b");
    EXPECT_EQ(outcome.context.Query("q"), "rock band");  // the first value wins
    EXPECT_EQ(outcome.context.Query("city"), "Z\xC3\xBCrich");
    EXPECT_EQ(outcome.context.Query("flag"), "");
    EXPECT_EQ(outcome.context.Query("x"), "a b");
    EXPECT_FALSE(outcome.context.Query("absent").has_value());
}

TEST(Router, UnknownPathIs404Problem) {
    Router router;
    router.Add(verb::get, "/api/v1/orders/{id}", Access::kPublic, Echo("order"));
    for (const char* target : {"/api/v1/orders", "/api/v1/orders/1/2", "/api/v1/orders/1/",
                               "/nothing", "/api/v1/Orders/1"}) {
        auto outcome = Dispatched(router, verb::get, target);
        EXPECT_EQ(outcome.response.result(), status::not_found) << target;
        EXPECT_EQ(ProblemCode(outcome.response), "not_found") << target;
        EXPECT_EQ(outcome.response[beast_http::field::content_type], "application/problem+json");
    }
}

TEST(Router, WrongMethodIs405WithAllow) {
    Router router;
    router.Add(verb::get, "/orders/{id}", Access::kPublic, Echo("get"));
    router.Add(verb::delete_, "/orders/{id}", Access::kPublic, Echo("delete"));
    auto outcome = Dispatched(router, verb::post, "/orders/1");
    EXPECT_EQ(outcome.response.result(), status::method_not_allowed);
    EXPECT_EQ(ProblemCode(outcome.response), "method_not_allowed");
    EXPECT_EQ(outcome.response[beast_http::field::allow], "GET, DELETE");
}

TEST(Router, MalformedTargetIs400) {
    Router router;
    router.Add(verb::get, "/x", Access::kPublic, Echo("x"));
    for (const char* target : {"/x%zz", "http://example.com/x", "*", "/x?bad=%"}) {
        auto outcome = Dispatched(router, verb::get, target);
        EXPECT_EQ(outcome.response.result(), status::bad_request) << target;
        EXPECT_EQ(ProblemCode(outcome.response), "bad_request") << target;
    }
}

TEST(Router, UserRouteNeedsValidToken) {
    Router router(FakeVerifier);
    router.Add(verb::get, "/me", Access::kUser, [](RequestContext& context, Responder respond) {
        respond(JsonResponse(status::ok, {{"user", context.principal->user_id.value()}}));
    });

    auto anonymous = Dispatched(router, verb::get, "/me");
    EXPECT_EQ(anonymous.response.result(), status::unauthorized);
    EXPECT_EQ(ProblemCode(anonymous.response), "unauthorized");
    EXPECT_EQ(anonymous.response[beast_http::field::www_authenticate], "Bearer");

    auto bad = Dispatched(router, verb::get, "/me", "Bearer forged");
    EXPECT_EQ(bad.response.result(), status::unauthorized);
    EXPECT_EQ(bad.response[beast_http::field::www_authenticate], "Bearer error=\"invalid_token\"");

    EXPECT_EQ(Dispatched(router, verb::get, "/me", "Basic user-7").response.result(),
              status::unauthorized);

    auto good = Dispatched(router, verb::get, "/me", "bearer  user-7");
    EXPECT_EQ(good.response.result(), status::ok);
    EXPECT_EQ(BodyJson(good.response).at("user").as_int64(), 7);
}

TEST(Router, AdminRouteForbidsUsers) {
    Router router(FakeVerifier);
    router.Add(verb::post, "/admin/events", Access::kAdmin, Echo("admin"));
    EXPECT_EQ(Dispatched(router, verb::post, "/admin/events").response.result(),
              status::unauthorized);
    auto user = Dispatched(router, verb::post, "/admin/events", "Bearer user-7");
    EXPECT_EQ(user.response.result(), status::forbidden);
    EXPECT_EQ(ProblemCode(user.response), "forbidden");
    EXPECT_EQ(Dispatched(router, verb::post, "/admin/events", "Bearer admin-1").response.result(),
              status::ok);
}

TEST(Router, PublicRouteIgnoresBadTokenButReadsGoodOne) {
    Router router(FakeVerifier);
    router.Add(verb::get, "/events", Access::kPublic, Echo("events"));
    auto bad = Dispatched(router, verb::get, "/events", "Bearer forged");
    EXPECT_EQ(bad.response.result(), status::ok);
    EXPECT_FALSE(bad.context.principal.has_value());
    auto good = Dispatched(router, verb::get, "/events", "Bearer admin-1");
    ASSERT_TRUE(good.context.principal.has_value());
    EXPECT_TRUE(good.context.principal->is_admin());
}

TEST(Router, ThrowingHandlerBecomes500) {
    Router router;
    router.Add(verb::get, "/boom", Access::kPublic,
               [](RequestContext&, Responder) { throw std::runtime_error("kaboom"); });
    router.Add(verb::get, "/int", Access::kPublic, [](RequestContext&, Responder) { throw 7; });
    for (const char* target : {"/boom", "/int"}) {
        auto outcome = Dispatched(router, verb::get, target);
        EXPECT_EQ(outcome.answers, 1);
        EXPECT_EQ(outcome.response.result(), status::internal_server_error);
        EXPECT_EQ(ProblemCode(outcome.response), "internal");
    }
}

TEST(Router, ThrowingVerifierMeansAnonymous) {
    Router router([](std::string_view) -> std::optional<Principal> {
        throw std::runtime_error("verifier bug");
    });
    router.Add(verb::get, "/me", Access::kUser, Echo("me"));
    EXPECT_EQ(Dispatched(router, verb::get, "/me", "Bearer x").response.result(),
              status::unauthorized);
}

TEST(Router, HeaderLookupIgnoresCase) {
    RequestContext context;
    context.request.set("X-Request-Id", "abc");
    EXPECT_EQ(context.Header("x-request-id"), "abc");
    EXPECT_EQ(context.Header("X-REQUEST-ID"), "abc");
    EXPECT_EQ(context.Header("x-other"), "");
}

// The router of tixd with a web front end: API routes, a WebSocket, and the files behind them.
Router RouterWithFallback() {
    Router router(FakeVerifier);
    router.Add(verb::get, "/api/v1/events", Access::kPublic, Echo("events"));
    router.Add(verb::get, "/events", Access::kPublic, Echo("legacy-events"));
    router.Add(verb::post, "/orders/create", Access::kUser, Echo("create"));
    router.AddWebSocket("/ws/events/{id}", Access::kPublic,
                        [](RequestContext&, UpgradeResponder) {});
    router.SetFallback({"api", "ws"}, [](RequestContext& context, Responder respond) {
        const bool signed_in = context.principal.has_value();
        respond(JsonResponse(status::ok, {{"route", "file"}, {"signed_in", signed_in}}));
    });
    return router;
}

TEST(Router, PathsNoRouteClaimsGoToTheFallback) {
    const Router router = RouterWithFallback();
    for (const char* target : {"/", "/events/3", "/assets/app.js", "/index.html?x=1"}) {
        EXPECT_EQ(RouteOf(Dispatched(router, verb::get, target)), "file") << target;
    }
    EXPECT_EQ(Dispatched(router, verb::head, "/events/3").response.result(), status::ok);
    // A token is never read for a file: the page is the same for everyone.
    const auto with_token = Dispatched(router, verb::get, "/admin", "Bearer admin-1");
    EXPECT_FALSE(with_token.context.principal.has_value());
    EXPECT_FALSE(BodyJson(with_token.response).at("signed_in").as_bool());
}

TEST(Router, TheApisPathsKeepTheirAnswersBesideAFallback) {
    const Router router = RouterWithFallback();
    EXPECT_EQ(RouteOf(Dispatched(router, verb::get, "/events")), "legacy-events");
    for (const char* target : {"/api/v1/nope", "/api", "/ws", "/ws/nope"}) {
        const auto outcome = Dispatched(router, verb::get, target);
        EXPECT_EQ(outcome.response.result(), status::not_found) << target;
        EXPECT_EQ(ProblemCode(outcome.response), "not_found") << target;
    }
    EXPECT_EQ(Dispatched(router, verb::get, "/ws/events/1").response.result(),
              status::upgrade_required);
    // A path with routes answers 405 for another method, as without a fallback.
    const auto head = Dispatched(router, verb::head, "/events");
    EXPECT_EQ(head.response.result(), status::method_not_allowed);
    EXPECT_EQ(head.response[beast_http::field::allow], "GET");
    EXPECT_EQ(Dispatched(router, verb::get, "/orders/create").response.result(),
              status::method_not_allowed);
}

TEST(Router, OnlyGetAndHeadReachTheFallback) {
    const Router router = RouterWithFallback();
    for (const verb method : {verb::post, verb::put, verb::delete_, verb::options}) {
        const auto outcome = Dispatched(router, method, "/events/3");
        EXPECT_EQ(outcome.response.result(), status::method_not_allowed);
        EXPECT_EQ(outcome.response[beast_http::field::allow], "GET, HEAD");
    }
}

TEST(Router, WithoutAFallbackUnknownPathsAre404) {
    Router router;
    router.Add(verb::get, "/api/v1/events", Access::kPublic, Echo("events"));
    EXPECT_EQ(Dispatched(router, verb::get, "/events/3").response.result(), status::not_found);
    EXPECT_EQ(Dispatched(router, verb::post, "/events/3").response.result(), status::not_found);
}

TEST(Router, AThrowingFallbackBecomes500) {
    Router router;
    router.SetFallback({}, [](RequestContext&, Responder) { throw std::runtime_error("kaboom"); });
    const auto outcome = Dispatched(router, verb::get, "/x");
    EXPECT_EQ(outcome.answers, 1);
    EXPECT_EQ(outcome.response.result(), status::internal_server_error);
}

TEST(RouterDeathTest, DuplicateRouteAborts) {
    Router router;
    router.Add(verb::get, "/orders/{id}", Access::kPublic, Echo("a"));
    EXPECT_DEATH(router.Add(verb::get, "/orders/{order}", Access::kPublic, Echo("b")),
                 "same verb and shape");
    EXPECT_DEATH(router.Add(verb::get, "orders", Access::kPublic, Echo("c")), "start with");
    EXPECT_DEATH(router.Add(verb::get, "/a/{x}/{x}", Access::kPublic, Echo("d")), "duplicate");
    EXPECT_DEATH(router.Add(verb::get, "/a/{x", Access::kPublic, Echo("e")), "param");
    router.SetFallback({}, Echo("file"));
    EXPECT_DEATH(router.SetFallback({}, Echo("file")), "set twice");
}

}  // namespace
}  // namespace tix::http
