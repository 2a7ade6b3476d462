#include "tixpay/views.h"

namespace tix::tixpay {
boost::json::object IntentJson(const Intent& intent) {
    boost::json::value last_error = nullptr;
    if (intent.last_payment_error) {
        last_error = boost::json::object{{"code", *intent.last_payment_error}};
    }
    return {{"id", intent.id},
            {"object", "payment_intent"},
            {"status", ToString(intent.status)},
            {"client_secret", intent.client_secret},
            {"amount_minor", intent.amount_minor},
            {"currency", intent.currency},
            {"reference", intent.reference},
            {"created", ToUnixSeconds(intent.created)},
            {"amount_refunded_minor", intent.amount_refunded_minor},
            {"last_payment_error", std::move(last_error)}};
}

boost::json::object RefundJson(const Refund& refund) {
    return {{"id", refund.id},
            {"object", "refund"},
            {"payment_intent", refund.payment_intent},
            {"reference", refund.reference},
            {"amount_minor", refund.amount_minor},
            {"currency", refund.currency},
            {"status", "succeeded"},
            {"created", ToUnixSeconds(refund.created)}};
}

boost::json::object EventJson(const Event& event) {
    boost::json::object object = std::holds_alternative<Intent>(event.object)
                                     ? IntentJson(std::get<Intent>(event.object))
                                     : RefundJson(std::get<Refund>(event.object));
    return {{"id", event.id},
            {"object", "event"},
            {"type", ToString(event.type)},
            {"created", ToUnixSeconds(event.created)},
            {"data", boost::json::object{{"object", std::move(object)}}}};
}

}  // namespace tix::tixpay
