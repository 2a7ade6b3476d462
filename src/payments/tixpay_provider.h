// TixpayProvider: the PaymentProvider adapter for tixpay, the payment-provider simulator
// (docs/tixpay.md). The only code in tix that knows tixpay's wire format: its API calls go
// through a ProviderHttpClient (plain http, pooled keep-alive connections, a deadline per call),
// its JSON is read by payments/tixpay_json.h, its webhooks are checked with
// payments/webhook_signature.h before a byte of the body is parsed.
//
// Threads: as the port says. The API calls block (payment worker threads); ReadWebhook is pure
// computation and cheap (one parse into a stack arena), fit for IO threads. Any number of threads
// may call at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "payments/payment_provider.h"
#include "payments/provider_http_client.h"

namespace tix::payments {

// tixpay's own bound on `limit` for list calls.
inline constexpr std::uint32_t kTixpayPageSizeMax = 1'000;
// A list call stops after this many items: a provider gone wrong cannot exhaust memory.
inline constexpr std::size_t kListItemsMax = 1'000'000;
// A list page's body, at most (1,000 intents of ~400 bytes need under 1 MiB).
inline constexpr std::size_t kListPageBytesMax = 8 * 1024 * 1024;
// Any other answer's body, at most (one intent or refund, or an error).
inline constexpr std::size_t kObjectResponseBytesMax = 64 * 1024;
// Each delivery costs one HMAC per secret: two during a rotation, a few at most.
inline constexpr std::size_t kWebhookSecretsMax = 8;
inline constexpr std::size_t kApiKeyLengthMax = 256;
inline constexpr std::chrono::milliseconds kTixpayTimeoutMax{60'000};

struct TixpayConfig {
    std::string base_url;  // "http://127.0.0.1:<port>" (see ParseProviderUrl)
    std::string api_key;   // printable ASCII, sent as a bearer token
    // Every secret that may sign a delivery; more than one while a secret is rotated.
    std::vector<std::string> webhook_secrets;
    std::chrono::milliseconds timeout{5'000};  // each API call, from connect to the last byte
    std::uint32_t page_size = 100;             // items per list page, 1..kTixpayPageSizeMax
};

class TixpayProvider final : public PaymentProvider {
  public:
    // InvalidArgument, naming the field, for a config that does not validate.
    static Result<std::unique_ptr<TixpayProvider>> Create(TixpayConfig config);

    // Errors: IoError when tixpay cannot be reached or answers 5xx ("payment provider
    // unavailable: ..."); InvalidArgument when it refuses the call (4xx; the message carries
    // its error code, e.g. idempotency_key_reused) or the request is invalid before sending;
    // Corruption when its answer cannot be read.
    Result<Intent> CreateIntent(const IntentRequest& request) override;
    Result<Refund> CreateRefund(const RefundRequest& request) override;
    Result<std::vector<Intent>> ListIntents(TimePoint created_after) override;
    // Beyond kListItemsMax events, stops and answers those so far with `last_event_id` at the
    // last of them: the next call resumes there. `last_event_id` is set on success only (to
    // `after_event_id` when there were no events).
    Result<std::vector<engine::PaymentEvent>> ListEvents(std::string_view after_event_id,
                                                         std::string& last_event_id) override;

    WebhookVerdict ReadWebhook(std::string_view signature_header, std::string_view body,
                               TimePoint now, engine::PaymentEvent& event) const override;
    std::string_view signature_header_name() const override;
    std::string payment_url(const Intent& intent) const override;

    const ProviderHttpClient& http_client() const { return client_; }

  private:
    TixpayProvider(TixpayConfig config, ProviderEndpoint endpoint);

    const TixpayConfig config_;
    ProviderHttpClient client_;
};

}  // namespace tix::payments
