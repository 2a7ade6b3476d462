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
        if (!added && product.initial_stock != kept->second.initial_stock) {
            problems.push_back("product " + std::to_string(product.product_id.value()) +
                               " changed its initial stock");
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
        auto [kept, added] = orders_.try_emplace(order.order_id, order);
        if (!added) {
            FoldOrderStep(kept->second, order, what, problems);
            kept->second = order;
            continue;
        }
        if (std::find(settled.begin(), settled.end(), order.campaign_id) == settled.end()) {
            problems.push_back(what + " is not in its campaign's settlement");
        }
        ++made[order.campaign_id];
    }
    for (const engine::Product& product : changes.products) {
        CheckStock(product.product_id, problems);
    }
    for (const CampaignId id : settled) {
        if (made[id] != campaigns_.at(id).winners) {
            problems.push_back("campaign " + std::to_string(id.value()) + " settled with " +
                               std::to_string(made[id]) + " orders in its batch, not its winners");
        }
    }
}

// A later record of an order: the same order (only its payment fields change), one step on.
void SimBiddingTables::FoldOrderStep(const engine::CampaignOrder& before,
                                     const engine::CampaignOrder& after, const std::string& what,
                                     std::vector<std::string>& problems) {
    using enum engine::CampaignOrderStatus;
    const auto same_order = [](engine::CampaignOrder o) {
        o.status = kAwaitingPayment;
        o.refund_reason = engine::RefundReason::kNone;
        o.payment_expires_at = {};
        o.updated_at = {};
        return o;
    };
    if (same_order(before) != same_order(after)) problems.push_back(what + " changed its terms");
    const auto allowed = [&](std::initializer_list<engine::CampaignOrderStatus> next) {
        return after.status == before.status ||
               std::find(next.begin(), next.end(), after.status) != next.end();
    };
    bool ok = false;
    switch (before.status) {
        case kAwaitingPayment:
            ok = allowed({kPaymentPending, kPaid, kExpired, kCancelled});
            break;
        case kPaymentPending:
            ok = allowed({kAwaitingPayment, kPaid, kExpired});
            break;
        case kPaid:
            ok = allowed({kRefundPending, kRefunded});
            break;
        case kExpired:
        case kCancelled:
            ok = allowed({kPaid, kRefundPending});
            break;
        case kRefundPending:
            ok = allowed({kRefunded});
            break;
        case kRefunded:
            ok = allowed({});
            break;
    }
    if (!ok) {
        problems.push_back(what + " went from " + std::string(engine::ToString(before.status)) +
                           " to " + std::string(engine::ToString(after.status)));
    }
}

// What the engine keeps (BiddingBook::CheckInvariants), on disk after every batch: a product's
// stock is its initial stock less the units its live orders take.
void SimBiddingTables::CheckStock(engine::ProductId product_id,
                                  std::vector<std::string>& problems) const {
    const engine::Product& product = products_.at(product_id);
    std::uint64_t taken = 0;
    for (const auto& [id, order] : orders_) {
        taken += order.product_id == product_id && engine::IsLive(order) ? 1 : 0;
    }
    if (product.stock + taken != product.initial_stock) {
        problems.push_back("product " + std::to_string(product_id.value()) + " has stock " +
                           std::to_string(product.stock) + " with " + std::to_string(taken) +
                           " units in live orders, of " + std::to_string(product.initial_stock));
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
