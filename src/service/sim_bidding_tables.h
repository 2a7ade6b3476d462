// SimBiddingTables: the bidding flash-sales as the SQLite journal keeps them
// (store/bidding_tables.h), for the durable-path simulator: each product's and campaign's latest
// record and each campaign order's (the upserts), every bid (inserts). SimJournal folds its frames
// into one; SimDurableLog folds the durable batches into another, and a Load must return the same.
// Tests only; single-threaded.
//
// Folding also checks what a correct log never holds: a bid journaled twice (SQLite's primary key
// would fail the append), a new order of a campaign its batch did not settle (orders after the
// settlement, or before it), a settlement without exactly `winners` orders in its batch, a settled
// campaign changed, an order whose terms change or whose status moves a way the engine never
// moves it, a product whose stock is not its initial stock less its live orders' units.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "engine/bidding.h"

namespace tix::service {

class SimBiddingTables {
  public:
    using CampaignId = engine::CampaignId;

    void Fold(const engine::BiddingChanges& changes, std::vector<std::string>& problems);
    // What Load returns: each list ascending by id.
    engine::BiddingSnapshot Snapshot() const;

  private:
    void FoldCampaign(const engine::Campaign& campaign, std::vector<CampaignId>& settled,
                      std::vector<std::string>& problems);
    static void FoldOrderStep(const engine::CampaignOrder& before,
                              const engine::CampaignOrder& after, const std::string& what,
                              std::vector<std::string>& problems);
    void CheckStock(engine::ProductId product_id, std::vector<std::string>& problems) const;

    std::map<engine::ProductId, engine::Product> products_;
    std::map<CampaignId, engine::Campaign> campaigns_;
    std::map<engine::BidId, engine::Bid> bids_;
    std::map<OrderId, engine::CampaignOrder> orders_;
};

inline std::size_t BiddingRecordCount(const engine::BiddingChanges& changes) {
    return changes.products.size() + changes.campaigns.size() + changes.bids.size() +
           changes.orders.size();
}

bool SameBidding(const engine::BiddingSnapshot& a, const engine::BiddingSnapshot& b);

}  // namespace tix::service
