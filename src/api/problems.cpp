#include "api/problems.h"

namespace tix::api {
namespace {

namespace beast_http = http::beast_http;
using beast_http::status;
using engine::HoldOutcome;
using engine::OrderOutcome;

struct Mapping {
    status code;
    const char* title;
};

Mapping Map(HoldOutcome outcome) {
    switch (outcome) {
        case HoldOutcome::kUnknownEvent:
            return {status::not_found, "No such event"};
        case HoldOutcome::kUnknownZone:
            return {status::not_found, "No such zone in this event"};
        case HoldOutcome::kUnknownSeat:
            return {status::not_found, "No such seat in this event"};
        case HoldOutcome::kInvalidQuantity:
            return {status::bad_request, "Quantity must be between 1 and the event's limit"};
        case HoldOutcome::kSaleNotOpen:
            return {status::forbidden, "The sale is not open"};
        case HoldOutcome::kSoldOut:
            return {status::conflict, "Not enough tickets left"};
        case HoldOutcome::kNoAdjacentSeats:
            return {status::conflict, "No row has that many adjacent seats; allow_split to split"};
        case HoldOutcome::kSeatTaken:
            return {status::conflict, "A requested seat is taken"};
        case HoldOutcome::kLimitExceeded:
            return {status::unprocessable_entity, "That would exceed the per-user ticket limit"};
        case HoldOutcome::kDuplicateSeat:
            return {status::bad_request, "The same seat appears twice"};
        case HoldOutcome::kSeatsSpanZones:
            return {status::bad_request, "All seats of one order must be in one zone"};
        case HoldOutcome::kNotSeated:
            return {status::bad_request, "General admission zones have no seat numbers"};
        case HoldOutcome::kIdempotencyKeyReused:
            return {status::unprocessable_entity,
                    "This Idempotency-Key was used for a different request"};
        case HoldOutcome::kOrderIdsExhausted:
            return {status::service_unavailable, "This server can take no more orders"};
        case HoldOutcome::kOk:
        case HoldOutcome::kReplayed:
            break;
    }
    return {status::internal_server_error, "Unexpected outcome"};
}

Mapping Map(OrderOutcome outcome) {
    switch (outcome) {
        case OrderOutcome::kUnknownOrder:
            return {status::not_found, "No such order"};
        case OrderOutcome::kExpired:
            return {status::conflict, "The hold expired"};
        case OrderOutcome::kCancelled:
            return {status::conflict, "The order was cancelled"};
        case OrderOutcome::kPaid:
            return {status::conflict, "The order is already paid"};
        case OrderOutcome::kPaymentPending:
            return {status::conflict, "A payment for this order is under way"};
        case OrderOutcome::kNotPaymentPending:
            return {status::conflict, "No payment is under way for this order"};
        case OrderOutcome::kForbidden:
            return {status::forbidden, "Not allowed"};
        case OrderOutcome::kOk:
        case OrderOutcome::kUnchanged:
            break;
    }
    return {status::internal_server_error, "Unexpected outcome"};
}

}  // namespace

http::Response HoldProblem(HoldOutcome outcome) {
    const Mapping m = Map(outcome);
    return http::ProblemResponse(m.code, engine::ToString(outcome), m.title);
}

http::Response OrderProblem(OrderOutcome outcome) {
    if (outcome == OrderOutcome::kForbidden) return Forbidden("This order belongs to another user");
    const Mapping m = Map(outcome);
    return http::ProblemResponse(m.code, engine::ToString(outcome), m.title);
}

http::Response Overloaded() {
    http::Response response = http::ProblemResponse(status::service_unavailable, "overloaded",
                                                    "Too many requests in flight; retry shortly");
    response.set(beast_http::field::retry_after, "1");
    return response;
}

http::Response StorageUnavailable() {
    return http::ProblemResponse(status::service_unavailable, "storage_unavailable",
                                 "The change could not be made durable; it did not happen");
}

http::Response Forbidden(std::string_view detail) {
    return http::ProblemResponse(status::forbidden, "forbidden", "Not allowed", detail);
}

http::Response NotFound(std::string_view code, std::string_view detail) {
    return http::ProblemResponse(status::not_found, code, "Not found", detail);
}

}  // namespace tix::api
