#include "payments/tixpay_json.h"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <limits>
#include <string>

namespace tix::payments::tixpay {
namespace {

namespace json = boost::json;

// A webhook's parsed value fits in this on the stack (an event of a few hundred bytes needs about
// 2 KiB); a larger one spills to the heap, still in one arena freed at once.
constexpr std::size_t kWebhookArenaBytes = 8 * 1024;
// The parser's own scratch (its stack of open containers and partial strings).
constexpr std::size_t kParserScratchBytes = 1024;
// How much of the provider's error code and message is kept.
constexpr std::size_t kErrorPartLengthMax = 120;
constexpr std::size_t kOrderReferenceDigitsMax = 16;  // 2^53 has 16 digits
static_assert(kJsonSafeIntegerMax == 9'007'199'254'740'992);

bool IsPrintableToken(std::string_view text, std::size_t length_max) {
    if (text.empty() || text.size() > length_max) return false;
    for (const char c : text) {
        if (c <= ' ' || c >= 127) return false;
    }
    return true;
}

std::optional<std::string_view> StringField(const json::object& object, std::string_view key) {
    const json::value* field = object.if_contains(key);
    if (field == nullptr || !field->is_string()) return std::nullopt;
    return std::string_view(field->get_string());
}

std::optional<std::string_view> IdField(const json::object& object, std::string_view key) {
    auto id = StringField(object, key);
    if (!id || !engine::IsValidProviderId(*id)) return std::nullopt;
    return id;
}

// An integer in [min, max]; a JSON number with a fraction or an exponent is not one.
std::optional<std::int64_t> IntegerField(const json::object& object, std::string_view key,
                                         std::int64_t min, std::int64_t max) {
    const json::value* field = object.if_contains(key);
    if (field == nullptr) return std::nullopt;
    std::int64_t number = 0;
    if (field->is_int64()) {
        number = field->get_int64();
    } else if (field->is_uint64()) {
        const std::uint64_t unsigned_number = field->get_uint64();
        if (unsigned_number > static_cast<std::uint64_t>(max)) return std::nullopt;
        number = static_cast<std::int64_t>(unsigned_number);
    } else {
        return std::nullopt;
    }
    if (number < min || number > max) return std::nullopt;
    return number;
}

std::optional<std::int64_t> AmountField(const json::object& object, std::string_view key) {
    return IntegerField(object, key, 0, static_cast<std::int64_t>(kJsonSafeIntegerMax));
}

std::optional<TimePoint> CreatedField(const json::object& object) {
    const auto seconds = IntegerField(object, "created", 0, kUnixSecondsMax);
    if (!seconds) return std::nullopt;
    return TimePoint{std::chrono::seconds{*seconds}};
}

std::optional<std::string_view> CurrencyField(const json::object& object) {
    auto currency = StringField(object, "currency");
    if (!currency || !IsCurrencyCode(*currency)) return std::nullopt;
    return currency;
}

std::optional<OrderId> ReferenceField(const json::object& object) {
    const auto reference = StringField(object, "reference");
    if (!reference) return std::nullopt;
    return ParseOrderReference(*reference);
}

// When the object says what it is, it must be what we expect.
bool IsObjectOfKind(const json::object& object, std::string_view kind) {
    const json::value* field = object.if_contains("object");
    return field == nullptr || (field->is_string() && field->get_string() == kind);
}

Status Unreadable(std::string_view what, std::string_view field) {
    std::string message = "payment provider sent an unreadable ";
    message.append(what).append(": no valid ").append(field);
    return Status::Corruption(std::move(message));
}

void AppendSanitized(std::string& out, std::string_view text) {
    for (const char c : text.substr(0, kErrorPartLengthMax)) {
        out.push_back(c >= ' ' && c < 127 ? c : '?');
    }
}

}  // namespace

std::optional<OrderId> ParseOrderReference(std::string_view reference) {
    if (reference.empty() || reference.size() > kOrderReferenceDigitsMax || reference[0] == '0') {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (const char c : reference) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');  // 16 digits cannot overflow
    }
    if (value > kJsonSafeIntegerMax) return std::nullopt;
    return OrderId{value};
}

bool IsCurrencyCode(std::string_view currency) {
    if (currency.size() != 3) return false;
    for (const char c : currency) {
        if (c < 'A' || c > 'Z') return false;
    }
    return true;
}

Result<Intent> ReadIntent(const json::value& value) {
    const json::object* object = value.if_object();
    if (object == nullptr) return Unreadable("intent", "object");
    if (!IsObjectOfKind(*object, "payment_intent")) return Unreadable("intent", "object kind");
    const auto id = IdField(*object, "id");
    if (!id) return Unreadable("intent", "id");
    const auto status = StringField(*object, "status");
    if (!status || !IsPrintableToken(*status, kStatusLengthMax)) {
        return Unreadable("intent", "status");
    }
    const auto client_secret = StringField(*object, "client_secret");
    if (!client_secret || !IsPrintableToken(*client_secret, kClientSecretLengthMax)) {
        return Unreadable("intent", "client_secret");
    }
    const auto amount = AmountField(*object, "amount_minor");
    if (!amount) return Unreadable("intent", "amount_minor");
    const auto currency = CurrencyField(*object);
    if (!currency) return Unreadable("intent", "currency");
    const auto created = CreatedField(*object);
    if (!created) return Unreadable("intent", "created");
    const auto refunded = AmountField(*object, "amount_refunded_minor");
    if (!refunded) return Unreadable("intent", "amount_refunded_minor");

    Intent intent;
    intent.id = *id;
    intent.status = *status;
    intent.client_secret = *client_secret;
    intent.amount_minor = *amount;
    intent.currency = *currency;
    intent.order_id = ReferenceField(*object).value_or(OrderId{});
    intent.created_at = *created;
    intent.amount_refunded_minor = *refunded;
    return intent;
}

Result<Refund> ReadRefund(const json::value& value) {
    const json::object* object = value.if_object();
    if (object == nullptr) return Unreadable("refund", "object");
    if (!IsObjectOfKind(*object, "refund")) return Unreadable("refund", "object kind");
    const auto id = IdField(*object, "id");
    if (!id) return Unreadable("refund", "id");
    const auto payment_id = IdField(*object, "payment_intent");
    if (!payment_id) return Unreadable("refund", "payment_intent");
    const auto amount = AmountField(*object, "amount_minor");
    if (!amount) return Unreadable("refund", "amount_minor");
    const auto status = StringField(*object, "status");
    if (!status || !IsPrintableToken(*status, kStatusLengthMax)) {
        return Unreadable("refund", "status");
    }

    Refund refund;
    refund.id = *id;
    refund.payment_id = *payment_id;
    refund.amount_minor = *amount;
    refund.status = *status;
    return refund;
}

Result<ListPage> ReadListPage(const json::value& value) {
    const json::object* object = value.if_object();
    if (object == nullptr) return Unreadable("list", "object");
    if (!IsObjectOfKind(*object, "list")) return Unreadable("list", "object kind");
    const json::value* data = object->if_contains("data");
    if (data == nullptr || !data->is_array()) return Unreadable("list", "data");
    const json::value* has_more = object->if_contains("has_more");
    if (has_more == nullptr || !has_more->is_bool()) return Unreadable("list", "has_more");
    return ListPage{.data = &data->get_array(), .has_more = has_more->get_bool()};
}

EventRead ReadEvent(const json::value& value, engine::PaymentEvent& event) {
    const json::object* object = value.if_object();
    if (object == nullptr || !IsObjectOfKind(*object, "event")) return EventRead::kMalformed;
    const auto id = IdField(*object, "id");
    const auto type = StringField(*object, "type");
    if (!id || !type) return EventRead::kMalformed;
    event.event_id.assign(*id);

    engine::PaymentEventKind kind;
    if (*type == "payment_intent.succeeded") {
        kind = engine::PaymentEventKind::kPaymentSucceeded;
    } else if (*type == "payment_intent.payment_failed") {
        kind = engine::PaymentEventKind::kPaymentFailed;
    } else if (*type == "refund.succeeded") {
        kind = engine::PaymentEventKind::kRefundSucceeded;
    } else {
        return EventRead::kUnknownType;
    }

    const auto created = CreatedField(*object);
    const json::object* data_object = nullptr;  // data.object: the intent or refund
    if (const json::value* data = object->if_contains("data");
        data != nullptr && data->is_object()) {
        if (const json::value* inner = data->get_object().if_contains("object")) {
            data_object = inner->if_object();
        }
    }
    if (!created || data_object == nullptr) return EventRead::kMalformed;

    const bool is_refund = kind == engine::PaymentEventKind::kRefundSucceeded;
    if (!IsObjectOfKind(*data_object, is_refund ? "refund" : "payment_intent")) {
        return EventRead::kMalformed;
    }
    const auto object_id = IdField(*data_object, "id");
    const auto payment_id = is_refund ? IdField(*data_object, "payment_intent") : object_id;
    const auto order_id = ReferenceField(*data_object);
    const auto amount = AmountField(*data_object, "amount_minor");
    const auto currency = CurrencyField(*data_object);
    if (!object_id || !payment_id || !order_id || !amount || !currency) {
        return EventRead::kMalformed;
    }

    event.kind = kind;
    event.payment_id.assign(*payment_id);
    event.order_id = *order_id;
    event.amount_minor = *amount;
    event.currency.assign(*currency);
    if (is_refund) {
        event.refund_id.assign(*object_id);
    } else {
        event.refund_id.clear();
    }
    event.created = *created;
    return EventRead::kOk;
}

EventRead ReadEventBody(std::string_view body, engine::PaymentEvent& event) {
    if (body.size() > kWebhookBodyBytesMax) return EventRead::kMalformed;
    alignas(std::max_align_t) unsigned char arena_bytes[kWebhookArenaBytes];
    json::monotonic_resource arena(arena_bytes, sizeof arena_bytes);
    unsigned char parser_scratch[kParserScratchBytes];
    json::parser parser(json::storage_ptr(), json::parse_options(), parser_scratch,
                        sizeof parser_scratch);
    parser.reset(&arena);
    boost::system::error_code ec;
    parser.write(body.data(), body.size(), ec);
    if (ec) return EventRead::kMalformed;
    const json::value value = parser.release();
    return ReadEvent(value, event);
}

std::string DescribeProviderError(std::string_view body) {
    boost::system::error_code ec;
    const json::value value = json::parse(body, ec);
    const json::object* object = ec ? nullptr : value.if_object();
    const json::value* error = object != nullptr ? object->if_contains("error") : nullptr;
    const json::object* error_object = error != nullptr ? error->if_object() : nullptr;
    const auto code = error_object != nullptr ? StringField(*error_object, "code") : std::nullopt;
    if (!code || code->empty()) return "unknown";
    std::string description;
    AppendSanitized(description, *code);
    if (const auto message = StringField(*error_object, "message"); message && !message->empty()) {
        description.append(": ");
        AppendSanitized(description, *message);
    }
    return description;
}

}  // namespace tix::payments::tixpay
