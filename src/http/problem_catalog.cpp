#include "http/problem_catalog.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <string>

namespace tix::http {
namespace {

using beast_http::status;

constexpr std::string_view kProblemTypePrefix = "urn:tix:problem:";
// Overloads pass in moments: a client that waits this long will likely get through.
constexpr std::chrono::seconds kOverloadedRetryAfter{1};

// Codes, statuses and titles are what clients already see: change none of them. Add new
// problems at the end of their group, here and in the enum in the same order.
constexpr std::array kCatalog = {
    ProblemType{Problem::kBadRequest, status::bad_request, "bad_request", "Malformed HTTP request"},
    ProblemType{Problem::kRequestTimeout, status::request_timeout, "request_timeout",
                "The request was not received in time"},
    ProblemType{Problem::kPayloadTooLarge, status::payload_too_large, "payload_too_large",
                "Request body too large"},
    ProblemType{Problem::kHeaderTooLarge, status::request_header_fields_too_large,
                "header_too_large", "Request header fields too large"},
    ProblemType{Problem::kUnsupportedMediaType, status::unsupported_media_type,
                "unsupported_media_type", "Unsupported media type"},
    ProblemType{Problem::kMalformedJson, status::bad_request, "malformed_json",
                "Request body is not a JSON object"},
    ProblemType{Problem::kInvalidField, status::bad_request, "invalid_field", "Invalid field"},
    ProblemType{Problem::kInvalidQuery, status::bad_request, "invalid_query",
                "Invalid query parameter"},
    ProblemType{Problem::kNotFound, status::not_found, "not_found", "Not found"},
    ProblemType{Problem::kMethodNotAllowed, status::method_not_allowed, "method_not_allowed",
                "Method not allowed"},
    ProblemType{Problem::kUpgradeRequired, status::upgrade_required, "upgrade_required",
                "WebSocket upgrade required"},

    ProblemType{Problem::kUnauthorized, status::unauthorized, "unauthorized",
                "Authentication required"},
    ProblemType{Problem::kBadCredentials, status::unauthorized, "bad_credentials",
                "Wrong email or password"},
    ProblemType{Problem::kForbidden, status::forbidden, "forbidden", "Forbidden"},
    // Retry-After varies: RateLimitedResponse sets it.
    ProblemType{Problem::kRateLimited, status::too_many_requests, "rate_limited",
                "Too many requests; retry after the time in Retry-After"},
    ProblemType{Problem::kInvalidRefreshToken, status::unauthorized, "invalid_refresh_token",
                "The refresh token is unknown, expired, used or revoked; log in again"},

    ProblemType{Problem::kInvalidEmail, status::bad_request, "invalid_email", "Invalid email"},
    ProblemType{Problem::kWeakPassword, status::bad_request, "weak_password", "Password too weak"},
    ProblemType{Problem::kEmailTaken, status::conflict, "email_taken",
                "An account with this email exists"},
    ProblemType{Problem::kCannotBanSelf, status::conflict, "cannot_ban_self",
                "Admins cannot ban their own account"},

    ProblemType{Problem::kUnknownEvent, status::not_found, "unknown_event", "No such event"},
    ProblemType{Problem::kUnknownZone, status::not_found, "unknown_zone",
                "No such zone in this event"},
    ProblemType{Problem::kUnknownSeat, status::not_found, "unknown_seat",
                "No such seat in this event"},
    ProblemType{Problem::kUnknownOrder, status::not_found, "unknown_order", "No such order"},
    ProblemType{Problem::kUnknownUser, status::not_found, "unknown_user", "Not found"},
    ProblemType{Problem::kInvalidQuantity, status::bad_request, "invalid_quantity",
                "Quantity must be between 1 and the event's limit"},
    ProblemType{Problem::kDuplicateSeat, status::bad_request, "duplicate_seat",
                "The same seat appears twice"},
    ProblemType{Problem::kSeatsSpanZones, status::bad_request, "seats_span_zones",
                "All seats of one order must be in one zone"},
    ProblemType{Problem::kNotSeated, status::bad_request, "not_seated",
                "General admission zones have no seat numbers"},
    ProblemType{Problem::kInvalidIdempotencyKey, status::bad_request, "invalid_idempotency_key",
                "Idempotency-Key is too long"},
    ProblemType{Problem::kIdempotencyKeyReused, status::unprocessable_entity,
                "idempotency_key_reused", "This Idempotency-Key was used for a different request"},
    ProblemType{Problem::kSaleNotOpen, status::forbidden, "sale_not_open", "The sale is not open"},
    ProblemType{Problem::kSoldOut, status::conflict, "sold_out", "Not enough tickets left"},
    ProblemType{Problem::kNoAdjacentSeats, status::conflict, "no_adjacent_seats",
                "No row has that many adjacent seats; allow_split to split"},
    ProblemType{Problem::kSeatTaken, status::conflict, "seat_taken", "A requested seat is taken"},
    ProblemType{Problem::kLimitExceeded, status::unprocessable_entity, "limit_exceeded",
                "That would exceed the per-user ticket limit"},
    ProblemType{Problem::kOrderExpired, status::conflict, "order_expired", "The hold expired"},
    ProblemType{Problem::kOrderCancelled, status::conflict, "order_cancelled",
                "The order was cancelled"},
    ProblemType{Problem::kOrderPaid, status::conflict, "order_paid", "The order is already paid"},
    ProblemType{Problem::kPaymentPending, status::conflict, "payment_pending",
                "A payment for this order is under way"},
    ProblemType{Problem::kNoPaymentPending, status::conflict, "no_payment_pending",
                "No payment is under way for this order"},
    ProblemType{Problem::kPaymentDeclined, status::payment_required, "payment_declined",
                "The payment was declined"},
    ProblemType{Problem::kPaymentRequired, status::conflict, "payment_required",
                "Pay this order through POST /api/v1/orders/{id}/pay"},
    ProblemType{Problem::kOrderNotPaid, status::conflict, "order_not_paid",
                "Only a paid order can be refunded"},
    ProblemType{Problem::kNoProviderPayment, status::conflict, "no_provider_payment",
                "This order was paid without the payment provider: refund it by hand"},
    ProblemType{Problem::kRefundWindowClosed, status::forbidden, "refund_window_closed",
                "The event has started: only an organizer can refund now"},
    ProblemType{Problem::kInvalidWebhookSignature, status::unauthorized,
                "invalid_webhook_signature", "The webhook signature is missing or wrong"},
    ProblemType{Problem::kStaleWebhook, status::unauthorized, "stale_webhook",
                "The webhook was signed more than 5 minutes away from now"},
    ProblemType{Problem::kInvalidWebhook, status::bad_request, "invalid_webhook",
                "The webhook body is not an event tix can read"},
    ProblemType{Problem::kPaymentProviderUnavailable, status::bad_gateway,
                "payment_provider_unavailable", "The payment provider did not answer; try again",
                std::chrono::seconds{2}},
    ProblemType{Problem::kPaymentsNotConfigured, status::conflict, "payments_not_configured",
                "This server takes payments at confirm (payments = instant)"},

    ProblemType{Problem::kNotAdmitted, status::forbidden, "not_admitted",
                "This event has a queue: wait for your admission"},
    ProblemType{Problem::kPowInvalid, status::forbidden, "pow_invalid",
                "The proof of work is wrong, expired or already used"},
    ProblemType{Problem::kQueueNotOpen, status::forbidden, "queue_not_open",
                "The queue is not open yet"},
    ProblemType{Problem::kQueueRemoved, status::forbidden, "queue_removed",
                "This account was removed from the queue"},
    ProblemType{Problem::kQueueScheduleFixed, status::conflict, "queue_schedule_fixed",
                "The queue has opened or has entries: its opening time is fixed"},
    ProblemType{Problem::kNoQueue, status::not_found, "no_queue", "This event has no queue"},
    ProblemType{Problem::kNotInQueue, status::not_found, "not_in_queue",
                "You have not joined this queue"},
    ProblemType{Problem::kQueueFull, status::service_unavailable, "queue_full",
                "The queue has taken all the entries it can"},

    ProblemType{Problem::kTicketsTransferred, status::conflict, "tickets_transferred",
                "Some of this order's tickets were given to someone else: ask the organizer"},
    ProblemType{Problem::kTicketsUsed, status::conflict, "tickets_used",
                "Some of this order's tickets were used at a gate: ask the organizer"},
    ProblemType{Problem::kUnknownTicket, status::not_found, "unknown_ticket",
                "You hold no ticket with this id"},
    ProblemType{Problem::kUnknownRecipient, status::not_found, "unknown_recipient",
                "No account has this email"},
    ProblemType{Problem::kSameHolder, status::conflict, "same_holder",
                "You already hold this ticket"},
    ProblemType{Problem::kEventStarted, status::conflict, "event_started",
                "The event has started: tickets can no longer be transferred"},
    ProblemType{Problem::kInvalidTicket, status::bad_request, "invalid_ticket",
                "This is not a ticket: its code is malformed or its signature is wrong"},
    ProblemType{Problem::kAlreadyCheckedIn, status::conflict, "already_checked_in",
                "This ticket was used already"},
    ProblemType{Problem::kTicketRevoked, status::gone, "ticket_revoked",
                "This ticket is no longer valid: refunded, or given to someone else"},
    ProblemType{Problem::kWrongEvent, status::forbidden, "wrong_event",
                "This ticket is for another event"},
    ProblemType{Problem::kCodeExpired, status::unprocessable_entity, "code_expired",
                "This ticket's code is too old: show the live code on the phone"},

    ProblemType{Problem::kUnknownProduct, status::not_found, "unknown_product", "No such product"},
    ProblemType{Problem::kUnknownCampaign, status::not_found, "unknown_campaign",
                "No such campaign"},
    ProblemType{Problem::kPriceTooLow, status::bad_request, "price_too_low",
                "The price is below the product's minimum"},
    ProblemType{Problem::kCampaignNotActive, status::conflict, "campaign_not_active",
                "The campaign is not taking bids now"},
    ProblemType{Problem::kTooManyBids, status::conflict, "too_many_bids",
                "You have placed as many bids as one campaign takes"},
    ProblemType{Problem::kNoBid, status::not_found, "no_bid", "You have no bid in this campaign"},
    ProblemType{Problem::kCampaignNotSettled, status::conflict, "campaign_not_settled",
                "The campaign has not been settled yet: its final ranking comes at its end"},

    ProblemType{Problem::kInternal, status::internal_server_error, "internal",
                "Internal server error"},
    ProblemType{Problem::kOverloaded, status::service_unavailable, "overloaded",
                "Too many requests in flight; retry shortly", kOverloadedRetryAfter},
    ProblemType{Problem::kStorageUnavailable, status::service_unavailable, "storage_unavailable",
                "The change could not be made durable; it did not happen"},
    ProblemType{Problem::kOrderIdsExhausted, status::service_unavailable, "order_ids_exhausted",
                "This server can take no more orders"},
};

// Describe() indexes the table by the enum.
constexpr bool InEnumOrder() {
    for (std::size_t i = 0; i < kCatalog.size(); ++i) {
        if (static_cast<std::size_t>(kCatalog[i].problem) != i) return false;
    }
    return true;
}
static_assert(InEnumOrder(), "kCatalog must list the problems in the order of the enum");
static_assert(static_cast<std::size_t>(Problem::kOrderIdsExhausted) + 1 == kCatalog.size(),
              "every Problem needs a catalog entry");

// A code names one problem: clients switch on it.
constexpr bool CodesUnique() {
    for (std::size_t i = 0; i < kCatalog.size(); ++i) {
        for (std::size_t j = i + 1; j < kCatalog.size(); ++j) {
            if (kCatalog[i].code == kCatalog[j].code) return false;
        }
    }
    return true;
}
static_assert(CodesUnique(), "two catalog entries share a code");

Response Render(beast_http::status status, std::string_view code, std::string_view title,
                std::string_view detail, boost::json::object body = {}) {
    std::string type(kProblemTypePrefix);
    type += code;
    body["type"] = type;
    body["title"] = title;
    body["status"] = static_cast<unsigned>(status);
    if (!detail.empty()) body["detail"] = detail;
    body["code"] = code;
    Response response(status, 11);
    response.set(beast_http::field::content_type, "application/problem+json");
    response.body() = boost::json::serialize(body);
    response.prepare_payload();
    return response;
}

}  // namespace

std::span<const ProblemType> ProblemCatalog() { return kCatalog; }

const ProblemType& Describe(Problem problem) { return kCatalog[static_cast<std::size_t>(problem)]; }

std::optional<Problem> FindProblem(std::string_view code) {
    for (const ProblemType& type : kCatalog) {
        if (type.code == code) return type.problem;
    }
    return std::nullopt;
}

Response ProblemResponse(Problem problem, std::string_view detail) {
    return ProblemResponse(problem, detail, {});
}

Response ProblemResponse(Problem problem, std::string_view detail, boost::json::object extensions) {
    const ProblemType& type = Describe(problem);
    Response response = Render(type.status, type.code, type.title, detail, std::move(extensions));
    if (type.retry_after.count() > 0) {
        response.set(beast_http::field::retry_after, std::to_string(type.retry_after.count()));
    }
    return response;
}

std::chrono::seconds RetryAfterFor(std::chrono::microseconds wait) {
    return std::max(std::chrono::seconds{1}, std::chrono::ceil<std::chrono::seconds>(wait));
}

Response RateLimitedResponse(std::chrono::microseconds wait, std::string_view detail) {
    Response response = ProblemResponse(Problem::kRateLimited, detail);
    response.set(beast_http::field::retry_after, std::to_string(RetryAfterFor(wait).count()));
    return response;
}

}  // namespace tix::http
