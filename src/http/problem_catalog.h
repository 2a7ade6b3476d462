// The one catalog of the problems tixd answers with: for each, the stable `code` clients switch
// on, the HTTP status and the title. A route names a Problem and may add a detail for this
// occurrence; no other file writes a code, a status for it or a title. docs/api.md lists the
// same codes (a test checks it). Read-only constant data: use from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "http/handler.h"

namespace tix::http {

enum class Problem : std::uint8_t {
    // The HTTP request itself.
    kBadRequest,
    kRequestTimeout,
    kPayloadTooLarge,
    kHeaderTooLarge,
    kUnsupportedMediaType,
    kMalformedJson,
    kInvalidField,
    kInvalidQuery,
    kNotFound,
    kMethodNotAllowed,
    kUpgradeRequired,
    // Who may do it.
    kUnauthorized,
    kBadCredentials,
    kForbidden,
    kRateLimited,
    kInvalidRefreshToken,
    // Accounts.
    kInvalidEmail,
    kWeakPassword,
    kEmailTaken,
    kCannotBanSelf,
    // Events and orders (most are engine outcomes, mapped in api/problems.cpp).
    kUnknownEvent,
    kUnknownZone,
    kUnknownSeat,
    kUnknownOrder,
    kUnknownUser,
    kInvalidQuantity,
    kDuplicateSeat,
    kSeatsSpanZones,
    kNotSeated,
    kInvalidIdempotencyKey,
    kIdempotencyKeyReused,
    kSaleNotOpen,
    kSoldOut,
    kNoAdjacentSeats,
    kSeatTaken,
    kLimitExceeded,
    kOrderExpired,
    kOrderCancelled,
    kOrderPaid,
    kPaymentPending,
    kNoPaymentPending,
    kPaymentDeclined,
    // Payments through a provider (issue 9).
    kPaymentRequired,
    kOrderNotPaid,
    kNoProviderPayment,
    kRefundWindowClosed,
    kInvalidWebhookSignature,
    kStaleWebhook,
    kInvalidWebhook,
    kPaymentProviderUnavailable,
    kPaymentsNotConfigured,
    // Waiting rooms (issue 8; mapped in api/problems.cpp).
    kNotAdmitted,
    kPowInvalid,
    kQueueNotOpen,
    kQueueRemoved,
    kQueueScheduleFixed,
    kNoQueue,
    kNotInQueue,
    kQueueFull,
    // Tickets and check-in (issue 10; mapped in api/problems.cpp).
    kTicketsTransferred,
    kTicketsUsed,
    kUnknownTicket,
    kUnknownRecipient,
    kSameHolder,
    kEventStarted,
    kInvalidTicket,
    kAlreadyCheckedIn,
    kTicketRevoked,
    kWrongEvent,
    kCodeExpired,
    // Bidding flash-sales (issue 11; mapped in api/problems.cpp).
    kUnknownProduct,
    kUnknownCampaign,
    kPriceTooLow,
    kCampaignNotActive,
    kTooManyBids,
    kNoBid,
    kCampaignNotSettled,
    // The server.
    kInternal,
    kOverloaded,
    kStorageUnavailable,
    kOrderIdsExhausted,
};

struct ProblemType {
    Problem problem;
    beast_http::status status;  // always 4xx or 5xx
    std::string_view code;      // stable: clients depend on it
    std::string_view title;     // the same for every occurrence (RFC 9457 §3.1.3)
    // When set, the answer carries Retry-After: the client may simply try again this much later.
    std::chrono::seconds retry_after{0};
};

// Every entry, in the order of the enum.
std::span<const ProblemType> ProblemCatalog();

const ProblemType& Describe(Problem problem);

// The problem with this code, if the catalog has one.
std::optional<Problem> FindProblem(std::string_view code);

// The RFC 9457 application/problem+json answer: type, title, status, code, and `detail` when
// given (what went wrong this time, for a client developer).
Response ProblemResponse(Problem problem, std::string_view detail = {});
// The same with extension members (RFC 9457 §3.2), e.g. the first scan of a ticket scanned twice.
// The standard members win over extensions of the same name.
Response ProblemResponse(Problem problem, std::string_view detail, boost::json::object extensions);

// 429 rate_limited with Retry-After: `wait` in whole seconds, rounded up and at least 1 (a client
// that waits that long finds a token in the bucket).
Response RateLimitedResponse(std::chrono::microseconds wait, std::string_view detail = {});
std::chrono::seconds RetryAfterFor(std::chrono::microseconds wait);

}  // namespace tix::http
