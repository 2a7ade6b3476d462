#include "engine/bidding_book.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

#include "engine/bidding_state.h"
#include "engine/order_book.h"
#include "engine/sha256.h"
#include "engine/tix_assert.h"

namespace tix::engine {
namespace {

#ifdef TIX_CHECK_INVARIANTS
constexpr bool kCheckEachBid = true;
#else
constexpr bool kCheckEachBid = false;
#endif

// Final rankings are hashed in pieces of about this size.
constexpr std::size_t kHashPieceBytes = 64 * 1024;

}  // namespace

BiddingBook::BiddingBook() : state_(std::make_unique<State>()) {}
BiddingBook::~BiddingBook() = default;

const Product& BiddingBook::AddProduct(Product product, TimePoint now) {
    TIX_ASSERT(product.initial_stock <= kProductStockMax && product.min_price_minor >= 0,
               "a product outside its bounds");
    State& s = *state_;
    product.product_id = ProductId{s.products.size() + 1};
    product.stock = product.initial_stock;
    product.created_at = now;
    s.products.push_back(std::move(product));
    s.changes.products.push_back(s.products.back());
    return s.products.back();
}

CampaignSetupOutcome BiddingBook::AddCampaign(Campaign campaign, TimePoint now, CampaignId& id) {
    TIX_ASSERT(campaign.start_time < campaign.end_time && campaign.quota >= 1 &&
                   campaign.quota <= kCampaignQuotaMax && std::isfinite(campaign.weights.alpha) &&
                   std::isfinite(campaign.weights.beta) && std::isfinite(campaign.weights.gamma),
               "a campaign outside its bounds");
    State& s = *state_;
    if (FindProduct(campaign.product_id) == nullptr) return CampaignSetupOutcome::kUnknownProduct;
    id = CampaignId{s.campaigns.size() + 1};
    campaign.campaign_id = id;
    campaign.created_at = now;
    campaign.settled = false;
    campaign.settled_at = {};
    campaign.winners = 0;
    campaign.final_sha256.clear();
    s.unsettled.emplace(campaign.end_time, id);
    s.changes.campaigns.push_back(campaign);
    auto state = std::make_unique<State::CampaignState>();
    state->campaign = std::move(campaign);
    s.campaigns.push_back(std::move(state));
    return CampaignSetupOutcome::kOk;
}

const Product* BiddingBook::FindProduct(ProductId product_id) const {
    const auto& products = state_->products;
    if (!product_id || product_id.value() > products.size()) return nullptr;
    return &products[product_id.value() - 1];
}

const Campaign* BiddingBook::FindCampaign(CampaignId campaign_id) const {
    const State::CampaignState* state = state_->Find(campaign_id);
    return state == nullptr ? nullptr : &state->campaign;
}

std::vector<Product> BiddingBook::Products() const { return state_->products; }

std::vector<CampaignId> BiddingBook::CampaignIds() const {
    std::vector<CampaignId> ids;
    ids.reserve(state_->campaigns.size());
    for (std::size_t i = 1; i <= state_->campaigns.size(); ++i) ids.emplace_back(i);
    return ids;
}

BidResult BiddingBook::PlaceBid(const BidRequest& request, TimePoint now) {
    // A NaN weight would make a NaN score, which breaks the ranking's order.
    TIX_ASSERT(
        request.member_weight >= kMemberWeightMin && request.member_weight <= kMemberWeightMax,
        "a member weight outside its bounds");
    State& s = *state_;
    State::CampaignState* state = s.Find(request.campaign_id);
    if (state == nullptr) return {BidOutcome::kUnknownCampaign};
    const Campaign& campaign = state->campaign;
    if (StatusAt(campaign, now) != CampaignStatus::kActive) return {BidOutcome::kNotActive};
    if (request.price_minor < s.ProductOf(campaign).min_price_minor) {
        return {BidOutcome::kPriceTooLow};
    }
    const auto participant = state->participants.find(request.user_id);
    const std::uint32_t previous_bids =
        participant == state->participants.end()
            ? 0
            : static_cast<std::uint32_t>(participant->second.history.size());
    if (previous_bids >= kBidsPerParticipantMax) return {BidOutcome::kTooManyBids};

    Bid bid;
    bid.bid_id = BidId{s.bids.size() + 1};
    bid.campaign_id = request.campaign_id;
    bid.user_id = request.user_id;
    bid.price_minor = request.price_minor;
    bid.elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now - campaign.start_time).count();
    bid.member_weight = request.member_weight;
    bid.score = Score(campaign.weights, bid.price_minor, bid.elapsed_ms, bid.member_weight);
    bid.bid_number = previous_bids + 1;
    bid.placed_at = now;
    const auto index = static_cast<std::uint32_t>(s.bids.size());
    s.bids.push_back(bid);
    s.Stand(*state, bid, index);
    s.changes.bids.push_back(bid);
    const auto rank = static_cast<std::uint32_t>(state->ranking.order_of_key(KeyOf(bid)) + 1);
    if constexpr (kCheckEachBid) {
        TIX_ASSERT(state->ranking.size() == state->participants.size(),
                   "a ranking with more or fewer entries than participants");
    }
    return {BidOutcome::kOk, bid, rank};
}

RankingView BiddingBook::Ranking(CampaignId campaign_id, std::uint32_t limit, TimePoint now) const {
    const State& s = *state_;
    const State::CampaignState* state = s.Find(campaign_id);
    TIX_ASSERT(state != nullptr, "Ranking of an unknown campaign");
    RankingView view;
    view.campaign = state->campaign;
    view.status = StatusAt(state->campaign, now);
    view.participants = static_cast<std::uint32_t>(state->ranking.size());
    view.bids = state->bids;
    view.winning = s.Winning(*state);
    view.version = state->version;
    if (!state->ranking.empty()) view.max_score = state->ranking.begin()->score;
    if (view.winning > 0) {
        view.min_winning_score = state->ranking.find_by_order(view.winning - 1)->score;
    }
    const std::size_t count = std::min<std::size_t>(limit, state->ranking.size());
    view.top.reserve(count);
    auto it = state->ranking.begin();
    for (std::size_t i = 0; i < count; ++i, ++it) view.top.push_back(s.Ranked(i, it));
    return view;
}

Standing BiddingBook::StandingOf(CampaignId campaign_id, UserId user_id, TimePoint) const {
    const State& s = *state_;
    const State::CampaignState* state = s.Find(campaign_id);
    Standing standing;
    if (state == nullptr) return standing;
    const auto participant = state->participants.find(user_id);
    if (participant == state->participants.end()) return standing;
    standing.bid = s.bids[participant->second.standing];
    standing.rank =
        static_cast<std::uint32_t>(state->ranking.order_of_key(KeyOf(standing.bid)) + 1);
    standing.is_winning = standing.rank <= s.Winning(*state);
    return standing;
}

std::vector<Bid> BiddingBook::History(CampaignId campaign_id, UserId user_id) const {
    const State& s = *state_;
    std::vector<Bid> history;
    const State::CampaignState* state = s.Find(campaign_id);
    if (state == nullptr) return history;
    const auto participant = state->participants.find(user_id);
    if (participant == state->participants.end()) return history;
    for (const std::uint32_t index : participant->second.history) history.push_back(s.bids[index]);
    return history;
}

std::optional<TimePoint> BiddingBook::NextSettlement() const {
    if (state_->unsettled.empty()) return std::nullopt;
    return state_->unsettled.begin()->first;
}

void BiddingBook::SettleDue(TimePoint now, OrderBook& orders, std::vector<CampaignId>& settled) {
    State& s = *state_;
    while (!s.unsettled.empty() && s.unsettled.begin()->first <= now) {
        const CampaignId id = s.unsettled.begin()->second;
        s.unsettled.erase(s.unsettled.begin());
        s.Settle(*s.Find(id), now, orders);
        settled.push_back(id);
    }
}

// The winners' orders, the stock they take and the campaign's final state, recorded together.
void BiddingBook::State::Settle(CampaignState& state, TimePoint now, OrderBook& order_ids) {
    Campaign& campaign = state.campaign;
    Product& product = ProductOf(campaign);
    const std::uint32_t winners = Winning(state);
    auto it = state.ranking.begin();
    for (std::uint32_t i = 0; i < winners; ++i, ++it) {
        const Bid& bid = bids[it->bid_index];
        CampaignOrder order;
        order.order_id = order_ids.ReserveId();
        order.campaign_id = campaign.campaign_id;
        order.product_id = product.product_id;
        order.user_id = bid.user_id;
        order.bid_id = bid.bid_id;
        order.final_price_minor = bid.price_minor;
        order.final_score = bid.score;
        order.final_rank = i + 1;
        order.currency = product.currency;
        order.created_at = now;
        order.pay_by = now + campaign.payment_window;
        order.updated_at = now;
        state.orders.push_back(static_cast<std::uint32_t>(orders.size()));
        AddOrder(order);
        changes.orders.push_back(order);
    }
    product.stock -= winners;
    changes.products.push_back(product);
    campaign.settled = true;
    campaign.settled_at = now;
    campaign.winners = winners;
    campaign.final_sha256 = HashRanking(state);
    changes.campaigns.push_back(campaign);
    ++state.version;
}

std::string BiddingBook::State::HashRanking(const CampaignState& state) const {
    Sha256Stream hash;
    std::string piece;
    std::size_t index = 0;
    for (auto it = state.ranking.begin(); it != state.ranking.end(); ++it, ++index) {
        AppendRankingLine(piece, Ranked(index, it));
        if (piece.size() >= kHashPieceBytes) {
            hash.Update(piece);
            piece.clear();
        }
    }
    hash.Update(piece);
    return ToHex(hash.Finish());
}

FinalRanking BiddingBook::Final(CampaignId campaign_id) const {
    const State& s = *state_;
    const State::CampaignState* state = s.Find(campaign_id);
    TIX_ASSERT(state != nullptr && state->campaign.settled, "Final of a campaign not settled");
    FinalRanking final{state->campaign, {}};
    final.ranking.reserve(state->ranking.size());
    std::size_t index = 0;
    for (auto it = state->ranking.begin(); it != state->ranking.end(); ++it, ++index) {
        final.ranking.push_back(s.Ranked(index, it));
    }
    return final;
}

const CampaignOrder* BiddingBook::FindOrder(OrderId order_id) const {
    const auto found = state_->order_index.find(order_id);
    return found == state_->order_index.end() ? nullptr : &state_->orders[found->second];
}

std::span<const CampaignOrder> BiddingBook::Orders() const { return state_->orders; }

std::vector<CampaignOrder> BiddingBook::OrdersOf(UserId user_id) const {
    std::vector<CampaignOrder> orders;
    const auto found = state_->orders_of_user.find(user_id);
    if (found == state_->orders_of_user.end()) return orders;
    for (const std::uint32_t index : found->second) orders.push_back(state_->orders[index]);
    return orders;  // made in ascending id order
}

std::vector<CampaignOrder> BiddingBook::OrdersOfCampaign(CampaignId campaign_id) const {
    std::vector<CampaignOrder> orders;
    const State::CampaignState* state = state_->Find(campaign_id);
    if (state == nullptr) return orders;
    for (const std::uint32_t index : state->orders) orders.push_back(state_->orders[index]);
    return orders;
}

void BiddingBook::DrainChanges(BiddingChanges& into) { into.Append(std::move(state_->changes)); }

bool BiddingBook::HasChanges() const { return !state_->changes.empty(); }

}  // namespace tix::engine
