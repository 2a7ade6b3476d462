#include "opened_payment.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace tix::bench {
namespace {

namespace json = boost::json;

const json::value* Field(const json::object& object, std::string_view key) {
    return object.if_contains(key);
}

}  // namespace

Result<OpenedPayment> ReadPayAnswer(const json::value& answer) {
    const json::object* object = answer.if_object();
    if (object == nullptr) return Status::Corruption("pay answer: not an object");
    const json::value* payment_id = Field(*object, "payment_id");
    const json::value* secret = Field(*object, "client_secret");
    const json::value* amount = Field(*object, "amount_minor");
    const json::value* currency = Field(*object, "currency");
    const json::value* order = Field(*object, "order");
    const json::value* order_id =
        order != nullptr && order->is_object() ? Field(order->get_object(), "order_id") : nullptr;
    if (payment_id == nullptr || !payment_id->is_string() || secret == nullptr ||
        !secret->is_string() || amount == nullptr || !amount->is_int64() || currency == nullptr ||
        !currency->is_string() || order_id == nullptr || !order_id->is_int64()) {
        return Status::Corruption("pay answer: " + json::serialize(answer).substr(0, 200));
    }
    return OpenedPayment{.order_id = order_id->get_int64(),
                         .payment_id = std::string(payment_id->get_string()),
                         .client_secret = std::string(secret->get_string()),
                         .amount_minor = amount->get_int64(),
                         .currency = std::string(currency->get_string())};
}

std::string SucceededEventBody(std::string_view event_id, const OpenedPayment& payment,
                               std::int64_t created_unix_s) {
    // The intent after the change, every field tixpay's IntentJson writes.
    const json::object intent{{"id", payment.payment_id},
                              {"object", "payment_intent"},
                              {"status", "succeeded"},
                              {"client_secret", payment.client_secret},
                              {"amount_minor", payment.amount_minor},
                              {"currency", payment.currency},
                              {"reference", std::to_string(payment.order_id)},
                              {"created", created_unix_s},
                              {"amount_refunded_minor", 0},
                              {"last_payment_error", nullptr}};
    const json::object event{{"id", event_id},
                             {"object", "event"},
                             {"type", "payment_intent.succeeded"},
                             {"created", created_unix_s},
                             {"data", json::object{{"object", intent}}}};
    return json::serialize(event);
}

std::string_view WebhookOutcome(std::string_view answer_body) {
    constexpr std::string_view kKey = R"("outcome":")";
    const std::size_t at = answer_body.find(kKey);
    if (at == std::string_view::npos) return {};
    const std::size_t from = at + kKey.size();
    const std::size_t end = answer_body.find('"', from);
    if (end == std::string_view::npos) return {};
    return answer_body.substr(from, end - from);
}

}  // namespace tix::bench
