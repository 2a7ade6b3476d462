#include "engine/bidding.h"

#include <charconv>

#include "engine/bidding_book.h"
#include "engine/tix_assert.h"

namespace tix::engine {

double Score(const ScoreWeights& weights, std::int64_t price_minor, std::int64_t elapsed_ms,
             double member_weight) {
    TIX_ASSERT(price_minor >= 0 && elapsed_ms >= 0, "a score of a negative price or time");
    const double price = static_cast<double>(price_minor) / 100.0;
    const double score = weights.alpha * price +
                         weights.beta / (static_cast<double>(elapsed_ms) + 1.0) +
                         weights.gamma * member_weight;
    // Never -0 (weights <= 0 can make one): the journal's REAL would give it back as +0, and
    // FinalRankingText ("-0" against "0") would no longer match final_sha256 after a restart.
    return score == 0 ? 0.0 : score;
}

CampaignStatus StatusAt(const Campaign& campaign, TimePoint now) {
    if (campaign.settled) return CampaignStatus::kSettled;
    if (now < campaign.start_time) return CampaignStatus::kScheduled;
    if (now < campaign.end_time) return CampaignStatus::kActive;
    return CampaignStatus::kEnded;
}

std::string_view ToString(CampaignStatus status) {
    switch (status) {
        case CampaignStatus::kScheduled:
            return "scheduled";
        case CampaignStatus::kActive:
            return "active";
        case CampaignStatus::kEnded:
            return "ended";
        case CampaignStatus::kSettled:
            return "settled";
    }
    return "unknown";
}

std::string_view ToString(CampaignOrderStatus status) {
    switch (status) {
        case CampaignOrderStatus::kAwaitingPayment:
            return "awaiting_payment";
        case CampaignOrderStatus::kPaymentPending:
            return "payment_pending";
        case CampaignOrderStatus::kPaid:
            return "paid";
        case CampaignOrderStatus::kExpired:
            return "expired";
        case CampaignOrderStatus::kRefundPending:
            return "refund_pending";
        case CampaignOrderStatus::kRefunded:
            return "refunded";
        case CampaignOrderStatus::kCancelled:
            return "cancelled";
    }
    return "unknown";
}

std::optional<CampaignOrderStatus> ParseCampaignOrderStatus(std::string_view text) {
    using enum CampaignOrderStatus;
    for (auto status : {kAwaitingPayment, kPaymentPending, kPaid, kExpired, kRefundPending,
                        kRefunded, kCancelled}) {
        if (ToString(status) == text) return status;
    }
    return std::nullopt;
}

std::string_view ToString(CampaignSetupOutcome outcome) {
    switch (outcome) {
        case CampaignSetupOutcome::kOk:
            return "ok";
        case CampaignSetupOutcome::kUnknownProduct:
            return "unknown_product";
    }
    return "unknown";
}

std::string_view ToString(BidOutcome outcome) {
    switch (outcome) {
        case BidOutcome::kOk:
            return "ok";
        case BidOutcome::kUnknownCampaign:
            return "unknown_campaign";
        case BidOutcome::kNotActive:
            return "campaign_not_active";
        case BidOutcome::kPriceTooLow:
            return "price_too_low";
        case BidOutcome::kTooManyBids:
            return "too_many_bids";
    }
    return "unknown";
}

namespace {

template <typename Number>
void AppendNumber(std::string& text, Number number) {
    char digits[32];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, number);
    TIX_ASSERT(error == std::errc(), "a number too long for its buffer");
    text.append(digits, end);
}

}  // namespace

void AppendRankingLine(std::string& text, const RankedBid& entry) {
    const Bid& bid = entry.bid;
    AppendNumber(text, entry.rank);
    text += ' ';
    AppendNumber(text, bid.user_id.value());
    text += ' ';
    AppendNumber(text, bid.bid_id.value());
    text += ' ';
    AppendNumber(text, bid.price_minor);
    text += ' ';
    AppendNumber(text, bid.elapsed_ms);
    text += ' ';
    AppendNumber(text, bid.member_weight);
    text += ' ';
    AppendNumber(text, bid.score);
    text += '\n';
}

std::string FinalRankingText(const std::vector<RankedBid>& ranking) {
    std::string text;
    for (const RankedBid& entry : ranking) AppendRankingLine(text, entry);
    return text;
}

}  // namespace tix::engine
