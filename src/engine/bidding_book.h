// BiddingBook: products, campaigns, their bids and live rankings, and the settlement. Owned by
// Engine::State; single-threaded. Records its changes like the rest of the engine
// (BiddingChanges).
//
// Each campaign ranks its participants (one standing bid each) in an order-statistics tree
// (rank_tree.h): a bid, a re-bid and a rank query are O(log N), the top K is O(K + log N). The
// order is total: score (higher first), then the earlier bid (smaller T), then the lower user id.
//
// Settlement happens once per campaign, in one step at the first SettleDue(now) with now >=
// end_time: the top min(K, stock) participants get orders, the product's stock goes down by as
// many, and the campaign is marked settled with the SHA-256 of its final ranking. All of it is
// recorded together, so one journal batch holds the whole settlement or none of it. A winner who
// does not pay by the order's deadline loses it and the unit goes back into stock (for a later
// campaign); the ranking stays final.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/types.h"
#include "engine/bidding.h"

namespace tix::engine {

class OrderBook;

enum class CampaignSetupOutcome : std::uint8_t { kOk, kUnknownProduct };

enum class BidOutcome : std::uint8_t {
    kOk,  // the user's bid stands: new, or replacing the previous one
    kUnknownCampaign,
    kNotActive,    // now outside [start_time, end_time)
    kPriceTooLow,  // below the product's min_price
    kTooManyBids,  // kBidsPerParticipantMax re-bids already
};

std::string_view ToString(CampaignSetupOutcome outcome);
std::string_view ToString(BidOutcome outcome);  // "ok", "unknown_campaign", ...

struct BidRequest {
    CampaignId campaign_id{};
    UserId user_id{};
    std::int64_t price_minor = 0;
    double member_weight = kDefaultMemberWeight;  // the user's, looked up by the caller
};

struct BidResult {
    BidOutcome outcome = BidOutcome::kUnknownCampaign;
    std::optional<Bid> bid;  // kOk: the standing bid
    std::uint32_t rank = 0;  // kOk: its rank right after it, 1 = first
};

struct RankedBid {
    std::uint32_t rank = 0;
    Bid bid;
};

// A campaign's figures at `now`, and its first `limit` ranks.
struct RankingView {
    Campaign campaign;
    CampaignStatus status = CampaignStatus::kScheduled;
    std::uint32_t participants = 0;
    std::uint64_t bids = 0;  // every bid placed, re-bids included
    // The ranks that win if the campaign ended now (once settled: the winners): min(K, stock,
    // participants).
    std::uint32_t winning = 0;
    std::optional<double> max_score;          // the first's; none without participants
    std::optional<double> min_winning_score;  // rank `winning`'s; none when nobody wins
    std::vector<RankedBid> top;               // ranks 1..min(limit, participants)
    std::uint64_t version = 0;  // grows with every bid and the settlement: equal, same ranking
};

// A user's place in a campaign.
struct Standing {
    std::uint32_t rank = 0;  // 0: no bid
    Bid bid;
    bool is_winning = false;  // rank <= RankingView::winning
};

// The settled campaign's whole ranking, and what its hash is taken over.
struct FinalRanking {
    Campaign campaign;
    std::vector<RankedBid> ranking;  // every participant, rank 1 first
};

// One line per rank: "rank user_id bid_id price_minor elapsed_ms member_weight score\n", numbers
// in decimal, doubles in their shortest round-trip form (std::to_chars). Campaign::final_sha256
// is the SHA-256 of this text.
std::string FinalRankingText(const std::vector<RankedBid>& ranking);
// Appends the entry's line of FinalRankingText.
void AppendRankingLine(std::string& text, const RankedBid& entry);

class BiddingBook {
  public:
    BiddingBook();
    ~BiddingBook();
    BiddingBook(const BiddingBook&) = delete;
    BiddingBook& operator=(const BiddingBook&) = delete;

    // ---- Products and campaigns ----
    // Adds the product under the next id (product.product_id is ignored), stock = initial_stock.
    // Recorded. REQUIRES: initial_stock <= kProductStockMax, min_price_minor >= 0.
    const Product& AddProduct(Product product, TimePoint now);
    // Adds the campaign under the next id. Recorded. REQUIRES: start_time < end_time, quota in
    // 1..kCampaignQuotaMax, weights finite.
    CampaignSetupOutcome AddCampaign(Campaign campaign, TimePoint now, CampaignId& id);
    const Product* FindProduct(ProductId product_id) const;
    const Campaign* FindCampaign(CampaignId campaign_id) const;
    std::vector<Product> Products() const;        // ascending id
    std::vector<CampaignId> CampaignIds() const;  // ascending

    // ---- Bids ----
    // REQUIRES: request.member_weight in [kMemberWeightMin, kMemberWeightMax].
    BidResult PlaceBid(const BidRequest& request, TimePoint now);
    // REQUIRES: FindCampaign(campaign_id).
    RankingView Ranking(CampaignId campaign_id, std::uint32_t limit, TimePoint now) const;
    Standing StandingOf(CampaignId campaign_id, UserId user_id, TimePoint now) const;
    // The user's bids in the campaign, oldest first (empty: none or no such campaign).
    std::vector<Bid> History(CampaignId campaign_id, UserId user_id) const;

    // ---- Settlement ----
    // The earliest end_time of a campaign not settled yet.
    std::optional<TimePoint> NextSettlement() const;
    // The earliest of NextSettlement and the unpaid orders' deadlines.
    std::optional<TimePoint> NextDeadline() const;
    // Settles every campaign with end_time <= now, earliest first; order ids come from `orders`.
    // Appends the settled campaigns' ids. Recorded.
    void SettleDue(TimePoint now, OrderBook& orders, std::vector<CampaignId>& settled);
    // REQUIRES: the campaign is settled.
    FinalRanking Final(CampaignId campaign_id) const;
    const CampaignOrder* FindOrder(OrderId order_id) const;
    std::span<const CampaignOrder> Orders() const;              // every order, ascending id
    std::vector<CampaignOrder> OrdersOf(UserId user_id) const;  // ascending id
    std::vector<CampaignOrder> OrdersOfCampaign(CampaignId campaign_id) const;  // by rank

    // ---- Winners' orders (bidding_orders.cpp) ----
    // The steps of a campaign order's payment; the engine decides which to take (as for ticket
    // orders). Each records the order, and the product when a unit comes back or is taken, and
    // keeps the payment deadlines. REQUIRES: FindOrder(order_id), and the status each names.
    // Expires every unpaid order whose deadline is <= now, and appends its id; a payment_pending
    // one whose payment deadline comes before its pay_by awaits payment again instead.
    void ExpireUnpaid(TimePoint now, std::vector<OrderId>& expired);
    // awaiting_payment -> payment_pending until `deadline`.
    void StartPayment(OrderId order_id, TimePoint deadline, TimePoint now);
    // payment_pending -> awaiting_payment: the payment failed or never started.
    void ResumeAwaiting(OrderId order_id, TimePoint now);
    // awaiting_payment or payment_pending -> expired; its unit goes back into stock.
    void Expire(OrderId order_id, TimePoint now);
    // awaiting_payment -> cancelled (the winner declines); its unit goes back into stock.
    void Cancel(OrderId order_id, TimePoint now);
    // awaiting_payment or payment_pending -> paid.
    void MarkPaid(OrderId order_id, TimePoint now);
    // expired or cancelled -> paid, taking a unit back, if one is left; else false and nothing
    // changes.
    bool Retake(OrderId order_id, TimePoint now);
    // paid (kRequested), or expired or cancelled (kLatePayment) -> refund_pending.
    void StartRefund(OrderId order_id, RefundReason reason, TimePoint now);
    // refund_pending -> refunded; a unit it still took goes back into stock.
    void FinishRefund(OrderId order_id, TimePoint now);

    void DrainChanges(BiddingChanges& into);
    bool HasChanges() const;

    // Recovery: puts back what was journaled (each list ascending by id; a campaign's bids in the
    // order placed). Order ids in use are taken from `orders`. Not recorded. Aborts on a journal
    // that breaks the settlement's invariants (a corrupt journal).
    void Restore(const BiddingSnapshot& snapshot, OrderBook& orders);

    // Aborts if a ranking disagrees with its bids, a settled campaign with its orders, or a
    // product's stock with its settlements.
    void CheckInvariants() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tix::engine
