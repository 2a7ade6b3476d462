// Bidding flash-sales (issue 11; docs/bidding.md): products in limited stock, time-limited
// campaigns in which each user keeps one scored bid, and the settlement that gives the top bidders
// their orders. Plain values; the state machine is BiddingBook (bidding_book.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/limits.h"
#include "common/types.h"
#include "engine/move_append.h"
#include "engine/order.h"

namespace tix::engine {

using ProductId = Id<struct ProductTag>;
using CampaignId = Id<struct CampaignTag>;
using BidId = Id<struct BidTag>;

// Bounds checked at the edge (the engine asserts them).
inline constexpr std::uint32_t kProductStockMax = 1'000'000;
inline constexpr std::uint32_t kCampaignQuotaMax = 100'000;
// The member weight W: one set of bounds for the engine and the user directory.
using limits::kDefaultMemberWeight;
using limits::kMemberWeightMax;
using limits::kMemberWeightMin;
// A user's bids in one campaign: each upsert is kept for the history, so a loop of re-bids cannot
// grow the engine without bound.
inline constexpr std::uint32_t kBidsPerParticipantMax = 100;
// How long a winner has to pay once the campaign settles; past it the order expires and its unit
// goes back into the product's stock.
inline constexpr std::chrono::seconds kPaymentWindowMin{60};
inline constexpr std::chrono::seconds kPaymentWindowMax{7 * 24 * 3600};
inline constexpr std::chrono::seconds kPaymentWindowDefault{3600};

struct Product {
    ProductId product_id{};
    std::string name;
    std::string description;
    std::string image_url;
    std::uint32_t initial_stock = 0;
    std::uint32_t stock = 0;  // units not taken by a live campaign order (IsLive)
    std::int64_t min_price_minor = 0;
    std::string currency;
    TimePoint created_at{};

    bool operator==(const Product&) const = default;
};

// score = alpha * P + beta / (T + 1) + gamma * W: P the bid price in major units, T the
// milliseconds from the campaign's start to the bid, W the bidder's member weight.
struct ScoreWeights {
    double alpha = 1.0;
    double beta = 1000.0;
    double gamma = 100.0;

    bool operator==(const ScoreWeights&) const = default;
};

// REQUIRES: price_minor >= 0, elapsed_ms >= 0. Money has two minor digits: P = price_minor / 100.
double Score(const ScoreWeights& weights, std::int64_t price_minor, std::int64_t elapsed_ms,
             double member_weight);

enum class CampaignStatus : std::uint8_t { kScheduled, kActive, kEnded, kSettled };
std::string_view ToString(CampaignStatus status);  // "scheduled", "active", "ended", "settled"

struct Campaign {
    CampaignId campaign_id{};
    ProductId product_id{};
    TimePoint start_time{};
    TimePoint end_time{};  // bids are taken in [start_time, end_time)
    ScoreWeights weights;
    std::uint32_t quota = 1;                                      // K: at most this many winners
    std::chrono::seconds payment_window = kPaymentWindowDefault;  // from the settlement
    TimePoint created_at{};
    // Set by the settlement, all at once.
    bool settled = false;
    TimePoint settled_at{};
    std::uint32_t winners = 0;  // min(K, the product's stock then, participants)
    std::string final_sha256;   // of the final ranking's text (FinalRankingText), lower-case hex

    bool operator==(const Campaign&) const = default;
};

// Before start: scheduled; in the window: active; past end_time until the settlement: ended.
CampaignStatus StatusAt(const Campaign& campaign, TimePoint now);

struct Bid {
    BidId bid_id{};  // 1, 2, ... across all campaigns: the order bids were received in
    CampaignId campaign_id{};
    UserId user_id{};
    std::int64_t price_minor = 0;
    std::int64_t elapsed_ms = 0;  // T
    double member_weight = kDefaultMemberWeight;
    double score = 0;
    std::uint32_t bid_number = 1;  // 1 for the user's first bid in the campaign, then 2, ...
    TimePoint placed_at{};

    bool operator==(const Bid&) const = default;
};

// awaiting_payment -> payment_pending -> paid -> refund_pending -> refunded, or awaiting_payment ->
// expired at pay_by (payment_pending: at payment_expires_at) or cancelled by the winner, the
// unit back in stock. A payment
// failure takes payment_pending back to awaiting_payment. As a ticket order's (order.h), a payment
// that arrives after the expiry takes a unit back if one is left (paid), else is given back
// (refund_pending with RefundReason::kLatePayment, then refunded). docs/bidding.md has the rules.
enum class CampaignOrderStatus : std::uint8_t {
    kAwaitingPayment,
    kPaymentPending,
    kPaid,
    kExpired,
    kRefundPending,
    kRefunded,
    kCancelled,
};

// "awaiting_payment", "payment_pending", "paid", "expired", "refund_pending", "refunded",
// "cancelled"
std::string_view ToString(CampaignOrderStatus status);
std::optional<CampaignOrderStatus> ParseCampaignOrderStatus(std::string_view text);

// A winner's order, made by the settlement. Its id is drawn from the ticket orders' sequence, so
// one id names one order of either kind.
struct CampaignOrder {
    OrderId order_id{};
    CampaignId campaign_id{};
    ProductId product_id{};
    UserId user_id{};
    BidId bid_id{};
    std::int64_t final_price_minor = 0;
    double final_score = 0;
    std::uint32_t final_rank = 0;
    std::string currency;
    TimePoint created_at{};
    CampaignOrderStatus status = CampaignOrderStatus::kAwaitingPayment;
    RefundReason refund_reason = RefundReason::kNone;  // set once refund_pending
    TimePoint pay_by{};              // the payment deadline: created_at + the payment window
    TimePoint payment_expires_at{};  // meaningful while payment_pending: pay_by or later
    TimePoint updated_at{};          // time of the last status change

    bool operator==(const CampaignOrder&) const = default;
};

// Takes one of its product's units: awaiting or under payment, paid, or paid and being refunded
// (the unit stays taken until the money is back).
inline bool IsLive(const CampaignOrder& order) {
    switch (order.status) {
        case CampaignOrderStatus::kAwaitingPayment:
        case CampaignOrderStatus::kPaymentPending:
        case CampaignOrderStatus::kPaid:
            return true;
        case CampaignOrderStatus::kRefundPending:
            return order.refund_reason == RefundReason::kRequested;
        default:
            return false;
    }
}

// The deadline a live unpaid order expires at.
inline TimePoint DeadlineOf(const CampaignOrder& order) {
    return order.status == CampaignOrderStatus::kPaymentPending ? order.payment_expires_at
                                                                : order.pay_by;
}

// The bidding part of a JournalBatch: each product, campaign and order after each change (later
// ones supersede), each bid once, in order.
struct BiddingChanges {
    std::vector<Product> products;
    std::vector<Campaign> campaigns;
    std::vector<Bid> bids;
    std::vector<CampaignOrder> orders;

    bool empty() const {
        return products.empty() && campaigns.empty() && bids.empty() && orders.empty();
    }
    void clear() {
        products.clear();
        campaigns.clear();
        bids.clear();
        orders.clear();
    }
    // Appends `later`'s records after these, and empties it.
    void Append(BiddingChanges&& later) {
        MoveAppend(products, later.products);
        MoveAppend(campaigns, later.campaigns);
        MoveAppend(bids, later.bids);
        MoveAppend(orders, later.orders);
        later.clear();
    }
};

// Recovery: every product and campaign in its latest state, every bid and order; each ascending
// by id.
struct BiddingSnapshot {
    std::vector<Product> products;
    std::vector<Campaign> campaigns;
    std::vector<Bid> bids;
    std::vector<CampaignOrder> orders;
};

}  // namespace tix::engine
