#include "service/sim_bidding_tables.h"

#include <algorithm>

namespace tix::service {
namespace {

template <typename Key, typename Record>
std::vector<Record> Values(const std::map<Key, Record>& rows) {
    std::vector<Record> values;
    values.reserve(rows.size());
    for (const auto& [key, record] : rows) values.push_back(record);
    return values;
}

}  // namespace

void SimBiddingTables::Fold(const engine::BiddingChanges& changes,
                            std::vector<std::string>& problems) {
    for (const engine::Product& product : changes.products) {
        auto [kept, added] = products_.try_emplace(product.product_id, product);
        if (!added && (product.stock > kept->second.stock ||
                       product.initial_stock != kept->second.initial_stock)) {
            problems.push_back("product " + std::to_string(product.product_id.value()) +
                               " got stock back");
        }
        kept->second = product;
    }
    std::vector<CampaignId> settled;  // by this batch
    for (const engine::Campaign& campaign : changes.campaigns) {
        FoldCampaign(campaign, settled, problems);
    }
    for (const engine::Bid& bid : changes.bids) {
        if (!bids_.try_emplace(bid.bid_id, bid).second) {
            problems.push_back("bid " + std::to_string(bid.bid_id.value()) + " journaled twice");
        }
    }
    std::map<CampaignId, std::uint32_t> made;
    for (const engine::CampaignOrder& order : changes.orders) {
        const std::string what = "campaign order " + std::to_string(order.order_id.value());
        if (!orders_.try_emplace(order.order_id, order).second) {
            problems.push_back(what + " journaled twice");
        }
        if (std::find(settled.begin(), settled.end(), order.campaign_id) == settled.end()) {
            problems.push_back(what + " is not in its campaign's settlement");
        }
        ++made[order.campaign_id];
    }
    for (const CampaignId id : settled) {
        if (made[id] != campaigns_.at(id).winners) {
            problems.push_back("campaign " + std::to_string(id.value()) + " settled with " +
                               std::to_string(made[id]) + " orders in its batch, not its winners");
        }
    }
}

void SimBiddingTables::FoldCampaign(const engine::Campaign& campaign,
                                    std::vector<CampaignId>& settled,
                                    std::vector<std::string>& problems) {
    auto [kept, added] = campaigns_.try_emplace(campaign.campaign_id, campaign);
    if (!added && kept->second.settled && kept->second != campaign) {
        problems.push_back("settled campaign " + std::to_string(campaign.campaign_id.value()) +
                           " changed (settled twice?)");
    }
    if (campaign.settled && (added || !kept->second.settled)) {
        settled.push_back(campaign.campaign_id);
    }
    kept->second = campaign;
}

engine::BiddingSnapshot SimBiddingTables::Snapshot() const {
    return {Values(products_), Values(campaigns_), Values(bids_), Values(orders_)};
}

bool SameBidding(const engine::BiddingSnapshot& a, const engine::BiddingSnapshot& b) {
    return a.products == b.products && a.campaigns == b.campaigns && a.bids == b.bids &&
           a.orders == b.orders;
}

}  // namespace tix::service
