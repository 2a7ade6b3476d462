#include "payments/tixpay_provider.h"

#include <algorithm>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <exception>
#include <utility>

#include "common/limits.h"
#include "payments/tixpay_json.h"
#include "payments/webhook_signature.h"

namespace tix::payments {
namespace {

namespace json = boost::json;

bool IsPrintable(std::string_view text, std::size_t length_max) {
    return !text.empty() && text.size() <= length_max &&
           std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 127; });
}

// Percent-encodes everything but RFC 3986's unreserved characters: provider ids may hold any
// printable character, and they travel in paths and queries.
std::string PercentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(text.size());
    for (const char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            encoded.push_back(c);
        } else {
            const auto byte = static_cast<unsigned char>(c);
            encoded.push_back('%');
            encoded.push_back(kHex[byte >> 4]);
            encoded.push_back(kHex[byte & 0xf]);
        }
    }
    return encoded;
}

Status ValidateConfig(const TixpayConfig& config) {
    if (!IsPrintable(config.api_key, kApiKeyLengthMax)) {
        return Status::InvalidArgument("tixpay api_key: 1 to 256 printable ASCII characters");
    }
    if (config.webhook_secrets.empty() || config.webhook_secrets.size() > kWebhookSecretsMax) {
        return Status::InvalidArgument("tixpay webhook_secrets: 1 to 8 secrets");
    }
    for (const std::string& secret : config.webhook_secrets) {
        if (secret.empty()) return Status::InvalidArgument("tixpay webhook_secrets: one is empty");
    }
    if (config.timeout <= std::chrono::milliseconds::zero() || config.timeout > kTixpayTimeoutMax) {
        return Status::InvalidArgument("tixpay timeout: more than 0, at most 60 s");
    }
    if (config.page_size == 0 || config.page_size > kTixpayPageSizeMax) {
        return Status::InvalidArgument("tixpay page_size: 1 to 1000");
    }
    return Status::Ok();
}

// Sends the request; the JSON of a 2xx answer, parsed into `arena`, or the provider's refusal or
// failure as a Status. `call` names the call in messages ("POST /v1/refunds").
Result<json::value> Call(ProviderHttpClient& client, const ProviderRequest& request,
                         std::string_view call, json::monotonic_resource& arena) {
    const Result<ProviderResponse> sent = client.Send(request);
    if (!sent.ok()) return sent.status();
    const ProviderResponse& response = *sent;
    if (response.status >= 200 && response.status < 300) {
        boost::system::error_code ec;
        json::value value = json::parse(response.body, ec, &arena);
        if (ec) {
            return Status::Corruption("payment provider answered " + std::string(call) +
                                      " with invalid JSON: " + ec.message());
        }
        return value;
    }
    const std::string what = std::string(call) + ": " + std::to_string(response.status) + " " +
                             tixpay::DescribeProviderError(response.body);
    if (response.status >= 400 && response.status < 500) {
        return Status::InvalidArgument("payment provider refused " + what);
    }
    if (response.status >= 500) return Status::IoError("payment provider unavailable: " + what);
    return Status::Corruption("payment provider answered " + what);
}

}  // namespace

Result<std::unique_ptr<TixpayProvider>> TixpayProvider::Create(TixpayConfig config) {
    auto endpoint = ParseProviderUrl(config.base_url);
    if (!endpoint.ok()) return endpoint.status();
    if (Status status = ValidateConfig(config); !status.ok()) return status;
    return std::unique_ptr<TixpayProvider>(
        new TixpayProvider(std::move(config), std::move(*endpoint)));
}

TixpayProvider::TixpayProvider(TixpayConfig config, ProviderEndpoint endpoint)
    : config_(std::move(config)),
      client_(ProviderHttpOptions{.endpoint = std::move(endpoint),
                                  .api_key = config_.api_key,
                                  .timeout = config_.timeout}) {}

Result<Intent> TixpayProvider::CreateIntent(const IntentRequest& request) {
    if (!request.order_id || request.order_id.value() > tixpay::kJsonSafeIntegerMax) {
        return Status::InvalidArgument("intent: no valid order id");
    }
    if (request.amount_minor <= 0 ||
        static_cast<std::uint64_t>(request.amount_minor) > tixpay::kJsonSafeIntegerMax) {
        return Status::InvalidArgument("intent: amount out of range");
    }
    if (!tixpay::IsCurrencyCode(request.currency)) {
        return Status::InvalidArgument("intent: currency is not three upper-case letters");
    }
    if (!IsPrintable(request.idempotency_key, limits::kMaxIdempotencyKeyLength)) {
        return Status::InvalidArgument("intent: no valid idempotency key");
    }
    try {
        json::object body;
        body["amount_minor"] = request.amount_minor;
        body["currency"] = request.currency;
        body["reference"] = std::to_string(request.order_id.value());
        if (request.pay_by != TimePoint{}) body["pay_by"] = ToUnixMillis(request.pay_by);
        const std::string body_text = json::serialize(body);

        json::monotonic_resource arena;
        const ProviderRequest post{.method = HttpMethod::kPost,
                                   .target = "/v1/payment_intents",
                                   .body = body_text,
                                   .idempotency_key = request.idempotency_key,
                                   .response_bytes_max = kObjectResponseBytesMax};
        const auto answer = Call(client_, post, "POST /v1/payment_intents", arena);
        if (!answer.ok()) return answer.status();
        Result<Intent> intent = tixpay::ReadIntent(*answer);
        if (!intent.ok()) return intent;
        // The same key names the same intent: one for another order or sum is not ours.
        if (intent->order_id != request.order_id || intent->amount_minor != request.amount_minor ||
            intent->currency != request.currency) {
            return Status::Corruption("payment provider answered intent " + intent->id +
                                      " for another order, amount or currency");
        }
        return intent;
    } catch (const std::exception& e) {
        return Status::IoError(std::string("payment provider unavailable: ") + e.what());
    }
}

Result<Refund> TixpayProvider::CreateRefund(const RefundRequest& request) {
    if (!engine::IsValidProviderId(request.payment_id)) {
        return Status::InvalidArgument("refund: no valid payment id");
    }
    if (request.amount_minor <= 0 ||
        static_cast<std::uint64_t>(request.amount_minor) > tixpay::kJsonSafeIntegerMax) {
        return Status::InvalidArgument("refund: amount out of range");
    }
    if (!IsPrintable(request.idempotency_key, limits::kMaxIdempotencyKeyLength)) {
        return Status::InvalidArgument("refund: no valid idempotency key");
    }
    try {
        json::object body;
        body["payment_intent"] = request.payment_id;
        body["amount_minor"] = request.amount_minor;
        const std::string body_text = json::serialize(body);

        json::monotonic_resource arena;
        const ProviderRequest post{.method = HttpMethod::kPost,
                                   .target = "/v1/refunds",
                                   .body = body_text,
                                   .idempotency_key = request.idempotency_key,
                                   .response_bytes_max = kObjectResponseBytesMax};
        const auto answer = Call(client_, post, "POST /v1/refunds", arena);
        if (!answer.ok()) return answer.status();
        Result<Refund> refund = tixpay::ReadRefund(*answer);
        if (!refund.ok()) return refund;
        if (refund->payment_id != request.payment_id) {
            return Status::Corruption("payment provider answered refund " + refund->id +
                                      " of another payment");
        }
        return refund;
    } catch (const std::exception& e) {
        return Status::IoError(std::string("payment provider unavailable: ") + e.what());
    }
}

Result<std::vector<Intent>> TixpayProvider::ListIntents(TimePoint created_after) {
    try {
        const std::string prefix =
            "/v1/payment_intents?created_after=" +
            std::to_string(std::max<std::int64_t>(0, ToUnixSeconds(created_after))) +
            "&limit=" + std::to_string(config_.page_size);
        std::vector<Intent> intents;
        std::string starting_after;
        for (;;) {
            const std::string target =
                starting_after.empty()
                    ? prefix
                    : prefix + "&starting_after=" + PercentEncode(starting_after);
            json::monotonic_resource arena;
            const ProviderRequest get{.target = target, .response_bytes_max = kListPageBytesMax};
            const auto answer = Call(client_, get, "GET /v1/payment_intents", arena);
            if (!answer.ok()) return answer.status();
            const auto page = tixpay::ReadListPage(*answer);
            if (!page.ok()) return page.status();
            if (intents.size() + page->data->size() > kListItemsMax) {
                return Status::Corruption("payment provider listed more than " +
                                          std::to_string(kListItemsMax) + " intents");
            }
            for (const json::value& item : *page->data) {
                Result<Intent> intent = tixpay::ReadIntent(item);
                if (!intent.ok()) return intent.status();
                intents.push_back(std::move(*intent));
            }
            if (!page->has_more) return intents;
            // A next page must start after something new, or paging would never end.
            if (page->data->empty() || intents.back().id == starting_after) {
                return Status::Corruption("payment provider's intent list does not advance");
            }
            starting_after = intents.back().id;
        }
    } catch (const std::exception& e) {
        return Status::IoError(std::string("payment provider unavailable: ") + e.what());
    }
}

Result<std::vector<engine::PaymentEvent>> TixpayProvider::ListEvents(
    std::string_view after_event_id, std::string& last_event_id) {
    if (!after_event_id.empty() && !engine::IsValidProviderId(after_event_id)) {
        return Status::InvalidArgument("events: no valid event id to list after");
    }
    try {
        const std::string prefix = "/v1/events?limit=" + std::to_string(config_.page_size);
        std::vector<engine::PaymentEvent> events;
        std::string after(after_event_id);
        std::size_t seen = 0;
        for (;;) {
            const std::string target =
                after.empty() ? prefix : prefix + "&after=" + PercentEncode(after);
            json::monotonic_resource arena;
            const ProviderRequest get{.target = target, .response_bytes_max = kListPageBytesMax};
            const auto answer = Call(client_, get, "GET /v1/events", arena);
            if (!answer.ok()) return answer.status();
            const auto page = tixpay::ReadListPage(*answer);
            if (!page.ok()) return page.status();
            const std::string previous_after = after;
            engine::PaymentEvent event;
            for (const json::value& item : *page->data) {
                if (seen == kListItemsMax) {  // enough for one call: the next resumes here
                    last_event_id = std::move(after);
                    return events;
                }
                switch (tixpay::ReadEvent(item, event)) {
                    case tixpay::EventRead::kOk:
                        after = event.event_id;
                        events.push_back(std::move(event));
                        event = {};
                        break;
                    case tixpay::EventRead::kUnknownType:
                        after = event.event_id;
                        break;
                    case tixpay::EventRead::kMalformed:
                        return Status::Corruption(
                            "payment provider listed an unreadable event after '" + after + "'");
                }
                ++seen;
            }
            if (!page->has_more) {
                last_event_id = std::move(after);
                return events;
            }
            if (page->data->empty() || after == previous_after) {
                return Status::Corruption("payment provider's event list does not advance");
            }
        }
    } catch (const std::exception& e) {
        return Status::IoError(std::string("payment provider unavailable: ") + e.what());
    }
}

WebhookVerdict TixpayProvider::ReadWebhook(std::string_view signature_header, std::string_view body,
                                           TimePoint now, engine::PaymentEvent& event) const {
    // The signature first: an unsigned body is never parsed.
    switch (VerifySignature(signature_header, body, config_.webhook_secrets, now)) {
        case SignatureCheck::kOk:
            break;
        case SignatureCheck::kStale:
            return WebhookVerdict::kStale;
        case SignatureCheck::kMissing:
        case SignatureCheck::kMalformed:
        case SignatureCheck::kMismatch:
            return WebhookVerdict::kBadSignature;
    }
    try {
        switch (tixpay::ReadEventBody(body, event)) {
            case tixpay::EventRead::kOk:
                return WebhookVerdict::kOk;
            case tixpay::EventRead::kUnknownType:
                return WebhookVerdict::kIgnored;
            case tixpay::EventRead::kMalformed:
                return WebhookVerdict::kMalformed;
        }
    } catch (const std::exception&) {
        // Allocation failure while parsing: the provider retries the delivery later.
    }
    return WebhookVerdict::kMalformed;
}

std::string_view TixpayProvider::signature_header_name() const { return kSignatureHeader; }

std::string TixpayProvider::payment_url(const Intent& intent) const {
    return client_.endpoint().base_url + "/v1/payment_intents/" + PercentEncode(intent.id) + "/pay";
}

}  // namespace tix::payments
