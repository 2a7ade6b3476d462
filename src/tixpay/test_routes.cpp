#include "tixpay/test_routes.h"

#include <spdlog/spdlog.h>

namespace tix::tixpay {
namespace {

using http::beast_http::status;
using http::beast_http::verb;

boost::json::object FaultsJson(const WebhookFaults& faults) {
    return {{"duplicate", faults.duplicate},
            {"shuffle", faults.shuffle},
            {"delay_ms", faults.delay.count()},
            {"drop_first", faults.drop_first}};
}

boost::json::object CountersJson(const DeliveryCounters& counters) {
    return {{"events", counters.events},
            {"delivered", counters.delivered},
            {"pending", counters.pending},
            {"dropped", counters.dropped},
            {"attempts", counters.attempts}};
}

// Changes the switches the body names and leaves the others as they are.
void SetFaults(WebhookDeliverer& deliverer, http::RequestContext& context,
               const http::Responder& respond) {
    auto body = ParseBody(context);
    if (auto* error = std::get_if<http::Response>(&body)) return respond(std::move(*error));
    auto& reader = std::get<http::JsonObjectReader>(body);
    reader.RejectUnknownFields({"duplicate", "shuffle", "delay_ms", "drop_first"});
    WebhookFaults faults = deliverer.faults();
    faults.duplicate = reader.OptionalBool("duplicate").value_or(faults.duplicate);
    faults.shuffle = reader.OptionalBool("shuffle").value_or(faults.shuffle);
    if (const auto delay = reader.OptionalInt("delay_ms", 0, kFaultDelayMsMax)) {
        faults.delay = std::chrono::milliseconds{*delay};
    }
    const auto drop_first = reader.OptionalInt("drop_first", 0, kFaultDropFirstMax);
    if (!reader.ok()) return respond(FieldErrorResponse(reader));
    // drop_first counts from when it is set: the count restarts only when the body names it.
    if (drop_first) faults.drop_first = static_cast<std::uint64_t>(*drop_first);
    deliverer.SetFaults(faults, drop_first.has_value());
    respond(http::JsonResponse(status::ok, FaultsJson(faults)));
}

void AdvanceClock(ServerClock& clock, SimulatorHost& host, http::RequestContext& context,
                  const http::Responder& respond) {
    auto body = ParseBody(context);
    if (auto* error = std::get_if<http::Response>(&body)) return respond(std::move(*error));
    auto& reader = std::get<http::JsonObjectReader>(body);
    reader.RejectUnknownFields({"seconds"});
    const std::int64_t seconds = reader.RequiredInt("seconds", 1, kClockAdvanceSecondsMax);
    if (!reader.ok()) return respond(FieldErrorResponse(reader));
    clock.Advance(std::chrono::seconds{seconds});
    // Settle the cards the jump made due before answering: a test that advances and then reads
    // sees them succeeded.
    host.Tick();
    respond(
        http::JsonResponse(status::ok, boost::json::object{{"now", ToUnixSeconds(clock.Now())}}));
}

// POST /v1/webhook_endpoints {"url"}: where deliveries go from now on (a PSP's dashboard setting).
void SetWebhookEndpoint(WebhookDeliverer& deliverer, http::RequestContext& context,
                        const http::Responder& respond) {
    auto body = ParseBody(context);
    if (auto* error = std::get_if<http::Response>(&body)) return respond(std::move(*error));
    auto& reader = std::get<http::JsonObjectReader>(body);
    reader.RejectUnknownFields({"url"});
    const std::string url = reader.RequiredString("url", kWebhookUrlMax);
    if (!reader.ok()) return respond(FieldErrorResponse(reader));
    auto target = ParseWebhookUrl(url);
    if (!target.ok()) {
        return respond(ErrorResponse(status::bad_request, "invalid_request",
                                     "url: " + target.status().message()));
    }
    deliverer.SetTarget(std::move(target).value());
    spdlog::info("webhooks: deliveries go to {}", url);
    respond(http::JsonResponse(status::ok, boost::json::object{{"url", url}}));
}

}  // namespace

void AddTestRoutes(http::Router& router, const ApiKey& api_key, WebhookDeliverer& deliverer,
                   SimulatorHost& host, ServerClock* test_clock) {
    router.Add(verb::get, "/v1/test/deliveries", http::Access::kPublic,
               [api_key, &deliverer](http::RequestContext& context, http::Responder respond) {
                   if (!api_key.Matches(context)) return respond(UnauthorizedResponse());
                   respond(http::JsonResponse(status::ok, CountersJson(deliverer.counters())));
               });
    router.Add(verb::post, "/v1/webhook_endpoints", http::Access::kPublic,
               [api_key, &deliverer](http::RequestContext& context, http::Responder respond) {
                   if (!api_key.Matches(context)) return respond(UnauthorizedResponse());
                   SetWebhookEndpoint(deliverer, context, respond);
               });
    router.Add(verb::post, "/v1/test/faults", http::Access::kPublic,
               [api_key, &deliverer](http::RequestContext& context, http::Responder respond) {
                   if (!api_key.Matches(context)) return respond(UnauthorizedResponse());
                   SetFaults(deliverer, context, respond);
               });
    if (test_clock == nullptr) return;
    router.Add(
        verb::post, "/v1/test/clock/advance", http::Access::kPublic,
        [api_key, test_clock, &host](http::RequestContext& context, http::Responder respond) {
            if (!api_key.Matches(context)) return respond(UnauthorizedResponse());
            AdvanceClock(*test_clock, host, context, respond);
        });
}

}  // namespace tix::tixpay
