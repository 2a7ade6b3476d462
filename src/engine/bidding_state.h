// BiddingBook::State: what a BiddingBook owns. Internal to the engine (bidding_book.cpp runs the
// operations, bidding_restore.cpp puts a journal back and checks the invariants).
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/bidding_book.h"
#include "engine/chunked_vector.h"
#include "engine/rank_tree.h"

namespace tix::engine {

// `index`: where the bid is kept; comparisons ignore it, so any index finds the bid's rank.
inline RankKey KeyOf(const Bid& bid, std::uint32_t index = 0) {
    return {bid.score, bid.elapsed_ms, bid.user_id, index};
}

struct BiddingBook::State {
    struct Participant {
        std::uint32_t standing = 0;          // index into bids of the standing bid
        std::vector<std::uint32_t> history;  // indexes into bids, oldest first
    };
    struct CampaignState {
        Campaign campaign;
        RankTree ranking;
        std::unordered_map<UserId, Participant> participants;
        std::uint64_t bids = 0;
        std::uint64_t version = 0;
        std::vector<std::uint32_t> orders;  // indexes into `orders`, by rank (once settled)
    };

    std::vector<Product> products;                          // by id - 1
    std::vector<std::unique_ptr<CampaignState>> campaigns;  // by id - 1
    ChunkedVector<Bid> bids;                                // by id - 1
    std::vector<CampaignOrder> orders;                      // in the order made
    std::unordered_map<OrderId, std::uint32_t> order_index;
    std::unordered_map<UserId, std::vector<std::uint32_t>> orders_of_user;
    std::set<std::pair<TimePoint, CampaignId>> unsettled;  // by end_time
    std::set<std::pair<TimePoint, OrderId>> unpaid;        // live unpaid orders, by DeadlineOf
    BiddingChanges changes;

    CampaignState* Find(CampaignId id) {
        if (!id || id.value() > campaigns.size()) return nullptr;
        return campaigns[id.value() - 1].get();
    }
    const CampaignState* Find(CampaignId id) const { return const_cast<State*>(this)->Find(id); }
    Product& ProductOf(const Campaign& campaign) {
        return products[campaign.product_id.value() - 1];
    }
    const Product& ProductOf(const Campaign& campaign) const {
        return products[campaign.product_id.value() - 1];
    }

    // The ranks that win now: min(K, stock, participants); once settled, the winners.
    std::uint32_t Winning(const CampaignState& state) const {
        if (state.campaign.settled) return state.campaign.winners;
        const std::size_t count = std::min<std::size_t>(
            {state.campaign.quota, ProductOf(state.campaign).stock, state.ranking.size()});
        return static_cast<std::uint32_t>(count);
    }
    RankedBid Ranked(std::size_t index, RankTree::const_iterator it) const {
        return {static_cast<std::uint32_t>(index + 1), bids[it->bid_index]};
    }

    // Files a bid as the user's standing one (a new bid or a journaled one).
    void Stand(CampaignState& state, const Bid& bid, std::uint32_t index) {
        auto [entry, is_new] = state.participants.try_emplace(bid.user_id);
        Participant& participant = entry->second;
        if (!is_new) state.ranking.erase(KeyOf(bids[participant.standing]));
        participant.standing = index;
        participant.history.push_back(index);
        state.ranking.insert(KeyOf(bid, index));
        ++state.bids;
        ++state.version;
    }

    void Settle(CampaignState& state, TimePoint now, OrderBook& order_ids);
    std::string HashRanking(const CampaignState& state) const;
    void AddOrder(const CampaignOrder& order) {
        order_index.emplace(order.order_id, static_cast<std::uint32_t>(orders.size()));
        orders_of_user[order.user_id].push_back(static_cast<std::uint32_t>(orders.size()));
        orders.push_back(order);
        if (IsUnpaid(order)) unpaid.emplace(DeadlineOf(order), order.order_id);
    }
    static bool IsUnpaid(const CampaignOrder& order) {
        return order.status == CampaignOrderStatus::kAwaitingPayment ||
               order.status == CampaignOrderStatus::kPaymentPending;
    }
    CampaignOrder& OrderAt(OrderId order_id) { return orders[order_index.at(order_id)]; }
    Product& ProductOf(const CampaignOrder& order) {
        return products[order.product_id.value() - 1];
    }
    // Moves the order to `status` at `now`, keeping `unpaid` right, and records it.
    void Move(CampaignOrder& order, CampaignOrderStatus status, TimePoint now);
    // Gives the order's unit back to (+1) or takes one from (-1) its product's stock; recorded.
    void AdjustStock(const CampaignOrder& order, int units);
    void CheckCampaign(const CampaignState& state) const;
};

}  // namespace tix::engine
