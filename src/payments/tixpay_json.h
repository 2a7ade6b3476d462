// Translation of tixpay's JSON (docs/tixpay.md) into the port's types: intents, refunds, list
// pages and events. Everything that comes from the provider is checked here, in one place: ids
// with engine::IsValidProviderId, references as order ids, currencies, amounts and times in
// range. Anything missing or of the wrong type makes the whole object unreadable; nothing is
// guessed. Pure functions, any thread.
#pragma once

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/status.h"
#include "common/types.h"
#include "engine/payment_event.h"
#include "payments/payment_provider.h"

namespace tix::payments::tixpay {

// References and amounts travel as JSON numbers or decimal strings; above this a double in
// someone's JSON library would round them.
inline constexpr std::uint64_t kJsonSafeIntegerMax = std::uint64_t{1} << 53;
// `created` beyond 9999-12-31 is not a time tix can hold in a TimePoint comfortably.
inline constexpr std::int64_t kUnixSecondsMax = 253'402'300'799;
// A client secret or a status longer than this is not tixpay's.
inline constexpr std::size_t kClientSecretLengthMax = 256;
inline constexpr std::size_t kStatusLengthMax = 32;
// A webhook body over this is refused unread (an event is a few hundred bytes).
inline constexpr std::size_t kWebhookBodyBytesMax = 64 * 1024;

// The order an intent's `reference` names: a positive decimal integer without sign or leading
// zeros, at most kJsonSafeIntegerMax. nullopt for anything else.
std::optional<OrderId> ParseOrderReference(std::string_view reference);

// Three upper-case ASCII letters (ISO 4217 shape; whether tix sells in it is not checked here).
bool IsCurrencyCode(std::string_view currency);

// An intent object. Corruption when a field is missing or wrong; a `reference` that names no
// order (absent, null, or not an order id) gives order_id 0, as the port documents.
Result<Intent> ReadIntent(const boost::json::value& value);

// A refund object. Corruption when a field is missing or wrong.
Result<Refund> ReadRefund(const boost::json::value& value);

// A list page: {"object": "list", "data": [...], "has_more": bool}. Corruption otherwise.
struct ListPage {
    const boost::json::array* data = nullptr;  // points into the parsed value
    bool has_more = false;
};
Result<ListPage> ReadListPage(const boost::json::value& value);

enum class EventRead : std::uint8_t {
    kOk,           // `event` is filled in
    kUnknownType,  // a well-formed event (valid id, string type) that tix does not use
    kMalformed,    // not an event tix can read
};

// An event object. Sets event.event_id for kOk and kUnknownType (a list's paging needs the id of
// every event); the other fields for kOk only.
EventRead ReadEvent(const boost::json::value& value, engine::PaymentEvent& event);

// Parses a webhook body (once, into a stack arena) and reads the event in it. Bodies over
// kWebhookBodyBytesMax and anything that is not JSON are kMalformed.
EventRead ReadEventBody(std::string_view body, engine::PaymentEvent& event);

// The provider's error answer {"error": {"code", "message"}} as "code: message", each part
// bounded and stripped of control characters (it ends up in logs); "unknown" for anything else.
std::string DescribeProviderError(std::string_view body);

}  // namespace tix::payments::tixpay
