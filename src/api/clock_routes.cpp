#include "api/clock_routes.h"

#include "common/rfc3339.h"
#include "http/json_body.h"

namespace tix::api {

using namespace std::chrono_literals;

void AddTestClockRoutes(http::Router& router, ServerClock& clock) {
    router.Add(
        http::beast_http::verb::post, "/api/v1/admin/clock/advance", http::Access::kAdmin,
        [&clock](http::RequestContext& context, http::Responder respond) {
            http::JsonBody body = http::ParseJsonObject(context);
            if (!body) return respond(body.problem());
            const std::int64_t seconds = body->RequiredInt("seconds", 1, kClockAdvanceSecondsMax);
            if (!body->ok()) return respond(body->problem());
            clock.Advance(std::chrono::seconds{seconds});
            respond(http::JsonResponse(http::beast_http::status::ok,
                                       boost::json::object{{"now", FormatRfc3339(clock.Now())}}));
        });
}

}  // namespace tix::api
