#include "api/problems.h"

#include <spdlog/spdlog.h>

#include <string>

#include "common/rfc3339.h"

namespace tix::api {
namespace {

using engine::HoldOutcome;
using engine::OrderOutcome;
using http::Problem;

std::optional<Problem> ProblemFor(HoldOutcome outcome) {
    switch (outcome) {
        case HoldOutcome::kUnknownEvent:
            return Problem::kUnknownEvent;
        case HoldOutcome::kUnknownZone:
            return Problem::kUnknownZone;
        case HoldOutcome::kUnknownSeat:
            return Problem::kUnknownSeat;
        case HoldOutcome::kInvalidQuantity:
            return Problem::kInvalidQuantity;
        case HoldOutcome::kSaleNotOpen:
            return Problem::kSaleNotOpen;
        case HoldOutcome::kSoldOut:
            return Problem::kSoldOut;
        case HoldOutcome::kNoAdjacentSeats:
            return Problem::kNoAdjacentSeats;
        case HoldOutcome::kSeatTaken:
            return Problem::kSeatTaken;
        case HoldOutcome::kLimitExceeded:
            return Problem::kLimitExceeded;
        case HoldOutcome::kDuplicateSeat:
            return Problem::kDuplicateSeat;
        case HoldOutcome::kSeatsSpanZones:
            return Problem::kSeatsSpanZones;
        case HoldOutcome::kNotSeated:
            return Problem::kNotSeated;
        case HoldOutcome::kIdempotencyKeyReused:
            return Problem::kIdempotencyKeyReused;
        case HoldOutcome::kOrderIdsExhausted:
            return Problem::kOrderIdsExhausted;
        case HoldOutcome::kNotAdmitted:
            return Problem::kNotAdmitted;
        case HoldOutcome::kOk:
        case HoldOutcome::kReplayed:
            break;
    }
    return std::nullopt;
}

std::optional<Problem> ProblemFor(OrderOutcome outcome) {
    switch (outcome) {
        case OrderOutcome::kUnknownOrder:
            return Problem::kUnknownOrder;
        case OrderOutcome::kExpired:
            return Problem::kOrderExpired;
        case OrderOutcome::kCancelled:
            return Problem::kOrderCancelled;
        case OrderOutcome::kPaid:
            return Problem::kOrderPaid;
        case OrderOutcome::kPaymentPending:
            return Problem::kPaymentPending;
        case OrderOutcome::kNotPaymentPending:
            return Problem::kNoPaymentPending;
        case OrderOutcome::kForbidden:
            return Problem::kForbidden;
        case OrderOutcome::kNotPaid:
            return Problem::kOrderNotPaid;
        case OrderOutcome::kNoPayment:
            return Problem::kNoProviderPayment;
        case OrderOutcome::kRefundWindowClosed:
            return Problem::kRefundWindowClosed;
        case OrderOutcome::kTicketsTransferred:
            return Problem::kTicketsTransferred;
        case OrderOutcome::kTicketsUsed:
            return Problem::kTicketsUsed;
        case OrderOutcome::kOk:
        case OrderOutcome::kUnchanged:
            break;
    }
    return std::nullopt;
}

std::optional<Problem> ProblemFor(engine::TransferOutcome outcome) {
    using engine::TransferOutcome;
    switch (outcome) {
        case TransferOutcome::kUnknownTicket:
            return Problem::kUnknownTicket;
        case TransferOutcome::kSameHolder:
            return Problem::kSameHolder;
        case TransferOutcome::kCheckedIn:
            return Problem::kAlreadyCheckedIn;
        case TransferOutcome::kRevoked:
            return Problem::kTicketRevoked;
        case TransferOutcome::kEventStarted:
            return Problem::kEventStarted;
        case TransferOutcome::kOk:
            break;
    }
    return std::nullopt;
}

std::optional<Problem> ProblemFor(engine::ScanOutcome outcome) {
    using engine::ScanOutcome;
    switch (outcome) {
        case ScanOutcome::kDoubleEntry:
        case ScanOutcome::kAlreadyRecorded:
            return Problem::kAlreadyCheckedIn;
        case ScanOutcome::kRevoked:
            return Problem::kTicketRevoked;
        case ScanOutcome::kUnknownTicket:
            return Problem::kInvalidTicket;
        case ScanOutcome::kWrongEvent:
            return Problem::kWrongEvent;
        case ScanOutcome::kAdmitted:
            break;
    }
    return std::nullopt;
}

std::optional<Problem> ProblemFor(engine::QueueLookup lookup) {
    switch (lookup) {
        case engine::QueueLookup::kUnknownEvent:
            return Problem::kUnknownEvent;
        case engine::QueueLookup::kNoQueue:
            return Problem::kNoQueue;
        case engine::QueueLookup::kFound:
            break;
    }
    return std::nullopt;
}

std::optional<Problem> ProblemFor(engine::JoinOutcome outcome) {
    using engine::JoinOutcome;
    switch (outcome) {
        case JoinOutcome::kQueueNotOpen:
            return Problem::kQueueNotOpen;
        case JoinOutcome::kChallengeExpired:
        case JoinOutcome::kChallengeReused:
            return Problem::kPowInvalid;
        case JoinOutcome::kRemoved:
            return Problem::kQueueRemoved;
        case JoinOutcome::kQueueFull:
            return Problem::kQueueFull;
        case JoinOutcome::kJoined:
        case JoinOutcome::kAlreadyJoined:
            break;
    }
    return std::nullopt;
}

std::optional<Problem> ProblemFor(engine::QueueSetupOutcome outcome) {
    using engine::QueueSetupOutcome;
    switch (outcome) {
        case QueueSetupOutcome::kUnknownEvent:
            return Problem::kUnknownEvent;
        case QueueSetupOutcome::kOpensAtRequired:
        case QueueSetupOutcome::kOpensAfterSaleStart:
            return Problem::kInvalidField;
        case QueueSetupOutcome::kScheduleFixed:
            return Problem::kQueueScheduleFixed;
        case QueueSetupOutcome::kUpdated:
        case QueueSetupOutcome::kCreated:
            break;
    }
    return std::nullopt;
}

std::optional<Problem> ProblemFor(engine::BidOutcome outcome) {
    using engine::BidOutcome;
    switch (outcome) {
        case BidOutcome::kUnknownCampaign:
            return Problem::kUnknownCampaign;
        case BidOutcome::kNotActive:
            return Problem::kCampaignNotActive;
        case BidOutcome::kPriceTooLow:
            return Problem::kPriceTooLow;
        case BidOutcome::kTooManyBids:
            return Problem::kTooManyBids;
        case BidOutcome::kOk:
            break;
    }
    return std::nullopt;
}

std::optional<Problem> ProblemFor(engine::CampaignSetupOutcome outcome) {
    if (outcome == engine::CampaignSetupOutcome::kUnknownProduct) return Problem::kUnknownProduct;
    return std::nullopt;
}

// What the bidder can act on: the window, the minimum price, the limit.
std::string BidDetail(const engine::BidReply& reply) {
    using engine::BidOutcome;
    if (!reply.campaign || !reply.product) return {};
    switch (reply.outcome) {
        case BidOutcome::kNotActive:
            return "bids are taken from " + FormatRfc3339(reply.campaign->start_time) + " until " +
                   FormatRfc3339(reply.campaign->end_time);
        case BidOutcome::kPriceTooLow:
            return "the minimum price is " + std::to_string(reply.product->min_price_minor) +
                   " minor units";
        case BidOutcome::kTooManyBids:
            return "a campaign takes " + std::to_string(engine::kBidsPerParticipantMax) +
                   " bids of one user";
        default:
            return {};
    }
}

// A success handed to a problem mapping is a handler bug; the client gets a 500 naming it.
template <typename Outcome>
http::Response ProblemOrBug(Outcome outcome) {
    if (const std::optional<Problem> problem = ProblemFor(outcome)) {
        return http::ProblemResponse(*problem);
    }
    std::string what = "unexpected outcome ";
    what += engine::ToString(outcome);
    spdlog::error("api: {}", what);
    return http::ProblemResponse(Problem::kInternal, what);
}

}  // namespace

http::Response HoldProblem(HoldOutcome outcome) { return ProblemOrBug(outcome); }

http::Response OrderProblem(OrderOutcome outcome) {
    if (outcome == OrderOutcome::kForbidden) return Forbidden("This order belongs to another user");
    return ProblemOrBug(outcome);
}

http::Response QueueLookupProblem(engine::QueueLookup lookup) { return ProblemOrBug(lookup); }

http::Response TransferProblem(engine::TransferOutcome outcome) { return ProblemOrBug(outcome); }

http::Response ScanProblem(engine::ScanOutcome outcome) { return ProblemOrBug(outcome); }

http::Response JoinProblem(engine::JoinOutcome outcome) { return ProblemOrBug(outcome); }

http::Response QueueSetupProblem(engine::QueueSetupOutcome outcome) {
    switch (outcome) {
        case engine::QueueSetupOutcome::kOpensAtRequired:
            return http::ProblemResponse(Problem::kInvalidField,
                                         "'opens_at' is required to give the event a queue");
        case engine::QueueSetupOutcome::kOpensAfterSaleStart:
            return http::ProblemResponse(Problem::kInvalidField,
                                         "'opens_at' must be before the event's sale_starts_at");
        default:
            return ProblemOrBug(outcome);
    }
}

http::Response BidProblem(const engine::BidReply& reply) {
    if (const std::optional<Problem> problem = ProblemFor(reply.outcome)) {
        return http::ProblemResponse(*problem, BidDetail(reply));
    }
    return ProblemOrBug(reply.outcome);
}

http::Response CampaignSetupProblem(engine::CampaignSetupOutcome outcome) {
    return ProblemOrBug(outcome);
}

http::Response Overloaded() { return http::ProblemResponse(Problem::kOverloaded); }

http::Response StorageUnavailable() { return http::ProblemResponse(Problem::kStorageUnavailable); }

http::Response Forbidden(std::string_view detail) {
    return http::ProblemResponse(Problem::kForbidden, detail);
}

http::Response NotFound(Problem problem, std::string_view detail) {
    return http::ProblemResponse(problem, detail);
}

}  // namespace tix::api
