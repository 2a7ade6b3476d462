// The names of the engine's outcomes ("sold_out", "order_expired"), declared in engine.h.
#include "engine/engine.h"

namespace tix::engine {

std::string_view ToString(HoldOutcome outcome) {
    switch (outcome) {
        case HoldOutcome::kOk:
            return "ok";
        case HoldOutcome::kReplayed:
            return "replayed";
        case HoldOutcome::kUnknownEvent:
            return "unknown_event";
        case HoldOutcome::kUnknownZone:
            return "unknown_zone";
        case HoldOutcome::kUnknownSeat:
            return "unknown_seat";
        case HoldOutcome::kInvalidQuantity:
            return "invalid_quantity";
        case HoldOutcome::kSaleNotOpen:
            return "sale_not_open";
        case HoldOutcome::kSoldOut:
            return "sold_out";
        case HoldOutcome::kNoAdjacentSeats:
            return "no_adjacent_seats";
        case HoldOutcome::kSeatTaken:
            return "seat_taken";
        case HoldOutcome::kLimitExceeded:
            return "limit_exceeded";
        case HoldOutcome::kDuplicateSeat:
            return "duplicate_seat";
        case HoldOutcome::kSeatsSpanZones:
            return "seats_span_zones";
        case HoldOutcome::kNotSeated:
            return "not_seated";
        case HoldOutcome::kIdempotencyKeyReused:
            return "idempotency_key_reused";
        case HoldOutcome::kOrderIdsExhausted:
            return "order_ids_exhausted";
        case HoldOutcome::kNotAdmitted:
            return "not_admitted";
    }
    return "unknown";
}

std::string_view ToString(OrderOutcome outcome) {
    switch (outcome) {
        case OrderOutcome::kOk:
            return "ok";
        case OrderOutcome::kUnchanged:
            return "unchanged";
        case OrderOutcome::kUnknownOrder:
            return "unknown_order";
        case OrderOutcome::kExpired:
            return "order_expired";
        case OrderOutcome::kCancelled:
            return "order_cancelled";
        case OrderOutcome::kPaid:
            return "order_paid";
        case OrderOutcome::kPaymentPending:
            return "payment_pending";
        case OrderOutcome::kNotPaymentPending:
            return "no_payment_pending";
        case OrderOutcome::kForbidden:
            return "forbidden";
        case OrderOutcome::kNotPaid:
            return "order_not_paid";
        case OrderOutcome::kNoPayment:
            return "no_provider_payment";
        case OrderOutcome::kRefundWindowClosed:
            return "refund_window_closed";
        case OrderOutcome::kTicketsTransferred:
            return "tickets_transferred";
        case OrderOutcome::kTicketsUsed:
            return "tickets_used";
    }
    return "unknown";
}

std::string_view ToString(TransferOutcome outcome) {
    switch (outcome) {
        case TransferOutcome::kOk:
            return "ok";
        case TransferOutcome::kUnknownTicket:
            return "unknown_ticket";
        case TransferOutcome::kSameHolder:
            return "same_holder";
        case TransferOutcome::kCheckedIn:
            return "already_checked_in";
        case TransferOutcome::kRevoked:
            return "ticket_revoked";
        case TransferOutcome::kEventStarted:
            return "event_started";
    }
    return "unknown";
}

std::string_view ToString(QueueLookup lookup) {
    switch (lookup) {
        case QueueLookup::kFound:
            return "found";
        case QueueLookup::kUnknownEvent:
            return "unknown_event";
        case QueueLookup::kNoQueue:
            return "no_queue";
    }
    return "unknown";
}

std::string_view ToString(QueueSetupOutcome outcome) {
    switch (outcome) {
        case QueueSetupOutcome::kUpdated:
            return "updated";
        case QueueSetupOutcome::kCreated:
            return "created";
        case QueueSetupOutcome::kUnknownEvent:
            return "unknown_event";
        case QueueSetupOutcome::kOpensAtRequired:
            return "opens_at_required";
        case QueueSetupOutcome::kOpensAfterSaleStart:
            return "opens_after_sale_start";
        case QueueSetupOutcome::kScheduleFixed:
            return "queue_schedule_fixed";
    }
    return "unknown";
}

}  // namespace tix::engine
