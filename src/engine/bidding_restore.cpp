// BiddingBook's recovery and invariant checks.
#include <string>

#include "engine/bidding_state.h"
#include "engine/order_book.h"
#include "engine/tix_assert.h"

namespace tix::engine {

void BiddingBook::Restore(const BiddingSnapshot& snapshot, OrderBook& orders) {
    State& s = *state_;
    TIX_ASSERT(s.products.empty() && s.campaigns.empty() && s.bids.size() == 0,
               "Restore into a bidding book in use");
    for (const Product& product : snapshot.products) {
        TIX_ASSERT(product.product_id.value() == s.products.size() + 1,
                   "journaled products skip an id");
        s.products.push_back(product);
    }
    for (const Campaign& campaign : snapshot.campaigns) {
        TIX_ASSERT(campaign.campaign_id.value() == s.campaigns.size() + 1,
                   "journaled campaigns skip an id");
        TIX_ASSERT(FindProduct(campaign.product_id) != nullptr,
                   "a journaled campaign of an unknown product");
        auto state = std::make_unique<State::CampaignState>();
        state->campaign = campaign;
        if (!campaign.settled) s.unsettled.emplace(campaign.end_time, campaign.campaign_id);
        s.campaigns.push_back(std::move(state));
    }
    for (const Bid& bid : snapshot.bids) {
        TIX_ASSERT(bid.bid_id.value() == s.bids.size() + 1, "journaled bids skip an id");
        State::CampaignState* state = s.Find(bid.campaign_id);
        TIX_ASSERT(state != nullptr, "a journaled bid in an unknown campaign");
        const auto index = static_cast<std::uint32_t>(s.bids.size());
        s.bids.push_back(bid);
        s.Stand(*state, bid, index);
    }
    for (const auto& state : s.campaigns) {
        if (state->campaign.settled) ++state->version;  // as Settle does: a version names a view
    }
    for (const CampaignOrder& order : snapshot.orders) {
        State::CampaignState* state = s.Find(order.campaign_id);
        TIX_ASSERT(state != nullptr && state->campaign.settled,
                   "a journaled order of a campaign not settled");
        TIX_ASSERT(order.final_rank == state->orders.size() + 1,
                   "journaled campaign orders out of rank order");
        TIX_ASSERT(orders.Find(order.order_id) == nullptr && FindOrder(order.order_id) == nullptr,
                   "a campaign order's id is taken");
        state->orders.push_back(static_cast<std::uint32_t>(s.orders.size()));
        s.AddOrder(order);
        orders.ReserveThrough(order.order_id);
    }
    CheckInvariants();  // once, O(bids): a journal that breaks them is corrupt
}

// A settled campaign has one order per winner (paid or not), ranked as its final ranking; an
// unsettled one has none. The ranking holds each participant's standing bid, once.
void BiddingBook::State::CheckCampaign(const CampaignState& state) const {
    const Campaign& campaign = state.campaign;
    TIX_ASSERT(state.ranking.size() == state.participants.size(),
               "a ranking with more or fewer entries than participants");
    for (const auto& [user_id, participant] : state.participants) {
        const Bid& bid = bids[participant.standing];
        TIX_ASSERT(bid.user_id == user_id && bid.campaign_id == campaign.campaign_id,
                   "a standing bid of another user or campaign");
        const auto ranked = state.ranking.find(KeyOf(bid));
        TIX_ASSERT(ranked != state.ranking.end() && ranked->bid_index == participant.standing,
                   "a standing bid missing from its ranking");
        TIX_ASSERT(participant.history.back() == participant.standing,
                   "a standing bid that is not the user's latest");
    }
    TIX_ASSERT(state.orders.size() == (campaign.settled ? campaign.winners : 0),
               "a campaign's orders differ from its winners");
    TIX_ASSERT(campaign.winners <= campaign.quota && campaign.winners <= state.ranking.size(),
               "more winners than the quota or the participants");
    auto it = state.ranking.begin();
    for (const std::uint32_t index : state.orders) {
        const CampaignOrder& order = orders[index];
        TIX_ASSERT(order.user_id == it->user_id, "a campaign order for someone not at its rank");
        ++it;
    }
}

void BiddingBook::CheckInvariants() const {
    const State& s = *state_;
    std::vector<std::uint64_t> taken(s.products.size(), 0);
    for (const auto& state : s.campaigns) s.CheckCampaign(*state);
    std::size_t unpaid = 0;
    for (const CampaignOrder& order : s.orders) {
        if (IsLive(order)) ++taken[order.product_id.value() - 1];
        if (State::IsUnpaid(order)) {
            ++unpaid;
            TIX_ASSERT(s.unpaid.contains({DeadlineOf(order), order.order_id}),
                       "an unpaid order without its deadline");
        }
    }
    TIX_ASSERT(s.unpaid.size() == unpaid, "a deadline of an order that is not unpaid");
    for (std::size_t i = 0; i < s.products.size(); ++i) {
        const Product& product = s.products[i];
        TIX_ASSERT(product.stock + taken[i] == product.initial_stock,
                   "a product's stock differs from the units its live orders take");
    }
}

}  // namespace tix::engine
