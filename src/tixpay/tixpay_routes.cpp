#include "tixpay/tixpay_routes.h"

#include "tixpay/views.h"

namespace tix::tixpay {
namespace {

using http::beast_http::status;
using http::beast_http::verb;

constexpr std::string_view kIdempotencyHeader = "Idempotency-Key";

// The request's Idempotency-Key (1..kIdempotencyKeyMax visible ASCII characters), or the 400.
std::variant<std::string, http::Response> IdempotencyKey(const http::RequestContext& context) {
    const std::string_view key = context.Header(kIdempotencyHeader);
    if (key.empty()) {
        return ErrorResponse(status::bad_request, "missing_idempotency_key",
                             "send an Idempotency-Key header");
    }
    bool visible = key.size() <= kIdempotencyKeyMax;
    for (const char c : key) visible = visible && c > ' ' && c <= '~';
    if (!visible) {
        return ErrorResponse(status::bad_request, "invalid_request",
                             "Idempotency-Key: 1 to 255 visible ASCII characters");
    }
    return std::string(key);
}

std::string ReadCurrency(http::JsonObjectReader& reader) {
    std::string currency = reader.RequiredString("currency", kCurrencyLength, kCurrencyLength);
    for (const char c : currency) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            reader.Fail("currency", "must be a 3-letter ISO 4217 code");
        }
    }
    return currency;
}

http::Response Replayed(http::Response response) {
    response.set("Idempotent-Replayed", "true");
    return response;
}

http::Response Full() {
    return ErrorResponse(status::service_unavailable, "capacity_exceeded",
                         "tixpay holds as many objects as it may");
}

http::Response NoSuchIntent() {
    return ErrorResponse(status::not_found, "resource_missing", "no such payment intent");
}

void CreateIntent(SimulatorHost& host, http::RequestContext& context,
                  const http::Responder& respond) {
    auto key = IdempotencyKey(context);
    if (auto* error = std::get_if<http::Response>(&key)) return respond(std::move(*error));
    auto body = ParseBody(context);
    if (auto* error = std::get_if<http::Response>(&body)) return respond(std::move(*error));
    auto& reader = std::get<http::JsonObjectReader>(body);
    reader.RejectUnknownFields({"amount_minor", "currency", "reference", "pay_by"});
    IntentParams params;
    params.amount_minor = reader.RequiredInt("amount_minor", 1, kAmountMinorMax);
    params.currency = ReadCurrency(reader);
    params.reference = reader.RequiredString("reference", kReferenceMax);
    if (const auto pay_by = reader.OptionalInt("pay_by", 0, kPayByMaxUnixMillis)) {
        params.pay_by = FromUnixMillis(*pay_by);
    }
    if (!reader.ok()) return respond(FieldErrorResponse(reader));
    const CreateIntentResult result = host.Run([&](PaymentSimulator& simulator, TimePoint now) {
        return simulator.CreateIntent(std::get<std::string>(key), params, now);
    });
    switch (result.outcome) {
        case CreateOutcome::kCreated:
            return respond(http::JsonResponse(status::created, IntentJson(result.intent)));
        case CreateOutcome::kReplayed:
            return respond(Replayed(http::JsonResponse(status::ok, IntentJson(result.intent))));
        case CreateOutcome::kKeyReused:
            return respond(ErrorResponse(status::conflict, "idempotency_key_reused",
                                         "this Idempotency-Key was used with another body"));
        case CreateOutcome::kFull:
            return respond(Full());
    }
}

http::Response PayAnswer(const PayResult& result) {
    switch (result.outcome) {
        case PayOutcome::kSucceeded:
        case PayOutcome::kProcessing:
            return http::JsonResponse(status::ok, IntentJson(result.intent));
        case PayOutcome::kDeclined:
            return ErrorResponse(status::payment_required, "card_declined",
                                 "the card was declined");
        case PayOutcome::kUnknownIntent:
            return NoSuchIntent();
        case PayOutcome::kWrongClientSecret:
            return ErrorResponse(status::unauthorized, "invalid_client_secret",
                                 "the client secret does not belong to this payment intent");
        case PayOutcome::kUnknownCard:
            return ErrorResponse(status::bad_request, "invalid_request",
                                 "'card' is not one of tixpay's test cards");
        case PayOutcome::kAlreadyProcessing:
            return ErrorResponse(status::conflict, "payment_processing",
                                 "a payment of this intent is processing");
        case PayOutcome::kAlreadySucceeded:
            return ErrorResponse(status::conflict, "intent_succeeded",
                                 "this payment intent has been paid");
        case PayOutcome::kFull:
            return Full();
    }
    return Full();
}

void Pay(SimulatorHost& host, http::RequestContext& context, const http::Responder& respond) {
    auto body = ParseBody(context);
    if (auto* error = std::get_if<http::Response>(&body)) return respond(std::move(*error));
    auto& reader = std::get<http::JsonObjectReader>(body);
    reader.RejectUnknownFields({"client_secret", "card"});
    const std::string client_secret = reader.RequiredString("client_secret", kClientSecretMax);
    const std::string card = reader.RequiredString("card", kCardMax);
    if (!reader.ok()) return respond(FieldErrorResponse(reader));
    const std::string intent_id(context.Param("id"));
    const PayResult result = host.Run([&](PaymentSimulator& simulator, TimePoint now) {
        return simulator.Pay(intent_id, client_secret, card, now);
    });
    respond(PayAnswer(result));
}

http::Response RefundAnswer(const RefundResult& result) {
    switch (result.outcome) {
        case RefundOutcome::kCreated:
            return http::JsonResponse(status::created, RefundJson(result.refund));
        case RefundOutcome::kReplayed:
            return Replayed(http::JsonResponse(status::ok, RefundJson(result.refund)));
        case RefundOutcome::kKeyReused:
            return ErrorResponse(status::conflict, "idempotency_key_reused",
                                 "this Idempotency-Key was used with another body");
        case RefundOutcome::kUnknownIntent:
            return NoSuchIntent();
        case RefundOutcome::kNotSucceeded:
            return ErrorResponse(status::conflict, "intent_not_succeeded",
                                 "only a succeeded payment intent can be refunded");
        case RefundOutcome::kAmountTooLarge:
            return ErrorResponse(status::bad_request, "amount_too_large",
                                 "more than is left to refund");
        case RefundOutcome::kFull:
            return Full();
    }
    return Full();
}

void CreateRefund(SimulatorHost& host, http::RequestContext& context,
                  const http::Responder& respond) {
    auto key = IdempotencyKey(context);
    if (auto* error = std::get_if<http::Response>(&key)) return respond(std::move(*error));
    auto body = ParseBody(context);
    if (auto* error = std::get_if<http::Response>(&body)) return respond(std::move(*error));
    auto& reader = std::get<http::JsonObjectReader>(body);
    reader.RejectUnknownFields({"payment_intent", "amount_minor"});
    const std::string intent_id = reader.RequiredString("payment_intent", kIdMax);
    const std::int64_t amount_minor = reader.RequiredInt("amount_minor", 1, kAmountMinorMax);
    if (!reader.ok()) return respond(FieldErrorResponse(reader));
    const RefundResult result = host.Run([&](PaymentSimulator& simulator, TimePoint now) {
        return simulator.CreateRefund(std::get<std::string>(key), intent_id, amount_minor, now);
    });
    respond(RefundAnswer(result));
}

void ListIntents(SimulatorHost& host, http::RequestContext& context,
                 const http::Responder& respond) {
    auto created_after = QueryInt(context, "created_after", 0, kPayByMaxUnixMillis / 1000, 0);
    if (auto* error = std::get_if<http::Response>(&created_after)) {
        return respond(std::move(*error));
    }
    auto limit = QueryInt(context, "limit", 1, kListLimitMax, kListLimitDefault);
    if (auto* error = std::get_if<http::Response>(&limit)) return respond(std::move(*error));
    const std::string starting_after(context.Query("starting_after").value_or(""));
    const auto page = host.Run([&](PaymentSimulator& simulator, TimePoint) {
        return simulator.ListIntents(
            TimePoint{std::chrono::seconds{std::get<std::int64_t>(created_after)}}, starting_after,
            static_cast<std::size_t>(std::get<std::int64_t>(limit)));
    });
    if (!page) {
        return respond(ErrorResponse(status::bad_request, "invalid_request",
                                     "starting_after: no such payment intent"));
    }
    respond(http::JsonResponse(status::ok, ListJson(*page, IntentJson)));
}

void ListEvents(SimulatorHost& host, http::RequestContext& context,
                const http::Responder& respond) {
    auto limit = QueryInt(context, "limit", 1, kListLimitMax, kListLimitDefault);
    if (auto* error = std::get_if<http::Response>(&limit)) return respond(std::move(*error));
    const std::string after(context.Query("after").value_or(""));
    const auto page = host.Run([&](PaymentSimulator& simulator, TimePoint) {
        return simulator.ListEvents(after, static_cast<std::size_t>(std::get<std::int64_t>(limit)));
    });
    if (!page) {
        return respond(
            ErrorResponse(status::bad_request, "invalid_request", "after: no such event"));
    }
    respond(http::JsonResponse(status::ok, ListJson(*page, EventJson)));
}

// Wraps a handler of the server-to-server API: 401 without the API key.
http::Handler WithApiKey(const ApiKey& api_key, SimulatorHost& host,
                         void (*handler)(SimulatorHost&, http::RequestContext&,
                                         const http::Responder&)) {
    return [api_key, &host, handler](http::RequestContext& context, http::Responder respond) {
        if (!api_key.Matches(context)) return respond(UnauthorizedResponse());
        handler(host, context, respond);
    };
}

}  // namespace

void AddTixpayRoutes(http::Router& router, SimulatorHost& host, const ApiKey& api_key,
                     const CorsPolicy& cors) {
    // Access::kPublic throughout: the API key is checked here, so that its 401 has the PSP's
    // error format rather than tixd's problem+json.
    router.Add(verb::post, "/v1/payment_intents", http::Access::kPublic,
               WithApiKey(api_key, host, CreateIntent));
    router.Add(verb::get, "/v1/payment_intents", http::Access::kPublic,
               WithApiKey(api_key, host, ListIntents));
    // The buyer's browser pays: the client secret, not the API key, authorises it; from the
    // shop's page, so it answers CORS (a preflight first: the body is JSON).
    router.Add(verb::post, "/v1/payment_intents/{id}/pay", http::Access::kPublic,
               cors.Wrap([&host](http::RequestContext& context, http::Responder respond) {
                   Pay(host, context, respond);
               }));
    router.Add(verb::options, "/v1/payment_intents/{id}/pay", http::Access::kPublic,
               [cors](http::RequestContext& context, http::Responder respond) {
                   respond(cors.Preflight(context));
               });
    router.Add(verb::post, "/v1/refunds", http::Access::kPublic,
               WithApiKey(api_key, host, CreateRefund));
    router.Add(verb::get, "/v1/events", http::Access::kPublic,
               WithApiKey(api_key, host, ListEvents));
}

}  // namespace tix::tixpay
