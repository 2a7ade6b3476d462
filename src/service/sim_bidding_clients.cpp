#include "service/sim_bidding_clients.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <variant>

#include "engine/sha256.h"

namespace tix::service {
namespace {

using engine::Bid;
using engine::Campaign;
using engine::CampaignOrder;

constexpr std::uint64_t kBidders = 12;  // user ids 1..kBidders
constexpr std::size_t kProductsMax = 8;
// Not yet ended. The simulated clock runs at about 1.5 requests a second, so a window of minutes
// gets tens of bids.
constexpr std::size_t kOpenCampaignsMax = 2;

std::uint64_t Below(std::mt19937_64& rng, std::uint64_t n) { return rng() % n; }
std::chrono::milliseconds Ms(std::uint64_t ms) {
    return std::chrono::milliseconds(static_cast<std::int64_t>(ms));
}

std::string Id(std::uint64_t id) { return std::to_string(id); }

// Each user's latest journaled bid, ranked plainly: the reference the engine's tree must match.
std::vector<engine::RankedBid> ReferenceRanking(const std::vector<Bid>& bids) {
    std::map<UserId, Bid> standing;
    for (const Bid& bid : bids) standing[bid.user_id] = bid;  // ascending bid_id: the last stands
    std::vector<Bid> sorted;
    for (const auto& [user, bid] : standing) sorted.push_back(bid);
    std::sort(sorted.begin(), sorted.end(), [](const Bid& a, const Bid& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.elapsed_ms != b.elapsed_ms) return a.elapsed_ms < b.elapsed_ms;
        return a.user_id < b.user_id;
    });
    std::vector<engine::RankedBid> ranking;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        ranking.push_back({static_cast<std::uint32_t>(i + 1), sorted[i]});
    }
    return ranking;
}

std::string HashOf(const std::vector<engine::RankedBid>& ranking) {
    return engine::ToHex(engine::Sha256(engine::FinalRankingText(ranking), ""));
}

// A settled campaign against the reference: min(K, stock, participants) winners, their orders the
// reference's top, its hash the reference's. Takes the winners from `stock`. `tied`: units given
// back at the settlement's very millisecond, which may have come before it (a later step at the
// same time) or after.
void CheckSettled(const Campaign& campaign, const std::vector<CampaignOrder>& orders,
                  const std::vector<Bid>& bids, std::int64_t& stock, std::int64_t tied,
                  std::vector<std::string>& problems) {
    const std::string what = "settled campaign " + Id(campaign.campaign_id.value()) + ": ";
    const std::vector<engine::RankedBid> ranking = ReferenceRanking(bids);
    const auto winners_with = [&](std::int64_t units) {
        return std::min<std::int64_t>(
            {campaign.quota, units, static_cast<std::int64_t>(ranking.size())});
    };
    const std::int64_t winners = campaign.winners;
    if (winners < winners_with(stock) || winners > winners_with(stock + tied) ||
        orders.size() != campaign.winners) {
        return problems.push_back(what + Id(campaign.winners) + " winners and " +
                                  Id(orders.size()) + " orders, want " +
                                  Id(static_cast<std::uint64_t>(winners_with(stock))));
    }
    stock -= winners;
    for (std::uint32_t i = 0; i < campaign.winners; ++i) {
        const Bid& bid = ranking[i].bid;
        const CampaignOrder& order = orders[i];
        if (order.user_id != bid.user_id || order.bid_id != bid.bid_id ||
            order.final_rank != i + 1 || order.final_price_minor != bid.price_minor ||
            order.final_score != bid.score || order.product_id != campaign.product_id) {
            problems.push_back(what + "order " + Id(order.order_id.value()) + " is not rank " +
                               Id(i + 1) + " of the reference (user " + Id(bid.user_id.value()) +
                               ", bid " + Id(bid.bid_id.value()) + ")");
        }
    }
    if (campaign.final_sha256 != HashOf(ranking)) {
        problems.push_back(what + "final_sha256 is not the reference ranking's");
    }
    if (campaign.settled_at < campaign.end_time) problems.push_back(what + "settled before end");
}

}  // namespace

std::optional<engine::Command> SimBiddingClients::NextCommand(std::mt19937_64& rng, TimePoint now) {
    if (products_.empty() || (products_.size() < kProductsMax && Below(rng, 100) == 0)) {
        if (creating_product_) return std::nullopt;
        creating_product_ = true;
        return NewProduct(rng);
    }
    const std::uint64_t roll = Below(rng, 100);
    if (roll < 10) {
        if (auto command = NewCampaign(rng, now)) return command;
    }
    if (roll < 88) {
        if (auto command = NewBid(rng, now)) return command;
        return NewCampaign(rng, now);
    }
    if (roll < 92) {
        if (auto command = NextOrderStep(rng)) return command;
    }
    const std::optional<CampaignId> id = AnyCampaign(rng);
    if (!id) return std::nullopt;
    if (roll < 96) return engine::GetCampaignOrders{*id};
    return engine::GetFinalRanking{*id};
}

// A step of a won order's payment, as its winner (or, for a decline, sometimes an admin) takes
// it; orders left alone expire at their pay_by.
std::optional<engine::Command> SimBiddingClients::NextOrderStep(std::mt19937_64& rng) {
    std::vector<OrderId> awaiting;
    for (const auto& [id, status] : won_) {
        // A charge under way is answered first, as a payment service answers it soon.
        if (status == engine::CampaignOrderStatus::kPaymentPending) {
            return engine::CompletePayment{id, Below(rng, 4) != 0};
        }
        if (status == engine::CampaignOrderStatus::kAwaitingPayment) awaiting.push_back(id);
    }
    if (awaiting.empty()) return std::nullopt;
    const OrderId order_id = awaiting[Below(rng, awaiting.size())];
    const engine::Actor admin{UserId{1'000}, true};
    if (Below(rng, 5) == 0) return engine::CancelOrder{admin, order_id};
    return engine::BeginPayment{admin, order_id, Ms(5'000 + Below(rng, 60'000))};
}

engine::Command SimBiddingClients::NewProduct(std::mt19937_64& rng) {
    engine::Product product;
    product.name = "Sim product";
    // Some soon sold out (settlements then give fewer than K orders, or none), some large.
    product.initial_stock =
        static_cast<std::uint32_t>(Below(rng, 2) == 0 ? 1 + Below(rng, 10) : 100 + Below(rng, 900));
    product.min_price_minor = static_cast<std::int64_t>(Below(rng, 500));
    product.currency = "EUR";
    return engine::CreateProduct{std::move(product)};
}

std::optional<engine::Command> SimBiddingClients::NewCampaign(std::mt19937_64& rng, TimePoint now) {
    const std::size_t open = static_cast<std::size_t>(
        std::count_if(campaigns_.begin(), campaigns_.end(),
                      [&](const auto& entry) { return entry.second.end_time > now; }));
    if (products_.empty() || open >= kOpenCampaignsMax) return std::nullopt;
    Campaign campaign;
    campaign.product_id = products_[Below(rng, products_.size())];
    campaign.start_time = now + Ms(Below(rng, 5'000));
    campaign.end_time = campaign.start_time + Ms(10'000 + Below(rng, 300'000));
    campaign.quota = static_cast<std::uint32_t>(1 + Below(rng, 6));
    const std::uint64_t kind = Below(rng, 4);
    if (kind == 1) campaign.weights = {0.0, 0.0, 1.0};  // the score is the weight: many ties
    if (kind >= 2) {
        campaign.weights = {static_cast<double>(Below(rng, 1'000)) / 7.0,
                            static_cast<double>(Below(rng, 5'000)) / 3.0,
                            static_cast<double>(Below(rng, 300)) / 11.0};
    }
    return engine::CreateCampaign{std::move(campaign)};
}

std::optional<engine::CampaignId> SimBiddingClients::AnyCampaign(std::mt19937_64& rng) const {
    if (campaigns_.empty()) return std::nullopt;
    return CampaignId{1 + Below(rng, campaigns_.rbegin()->first.value() + 1)};  // maybe unknown
}

std::optional<engine::Command> SimBiddingClients::NewBid(std::mt19937_64& rng, TimePoint now) {
    std::vector<CampaignId> open;
    for (const auto& [id, campaign] : campaigns_) {
        if (campaign.start_time <= now && now < campaign.end_time) open.push_back(id);
    }
    std::optional<CampaignId> id;
    if (!open.empty() && Below(rng, 20) != 0) id = open[Below(rng, open.size())];
    if (!id) id = AnyCampaign(rng);  // ended, or not started, or unknown
    if (!id) return std::nullopt;
    static constexpr double kWeights[] = {0.5, 1.0, 1.5, 5.0};
    engine::BidRequest request;
    request.campaign_id = *id;
    request.user_id = UserId{1 + Below(rng, kBidders)};
    request.price_minor = static_cast<std::int64_t>(Below(rng, 100'000));
    if (Below(rng, 20) == 0) request.price_minor = static_cast<std::int64_t>(Below(rng, 100));
    request.member_weight = Below(rng, 2) == 0
                                ? kWeights[Below(rng, std::size(kWeights))]
                                : 0.5 + static_cast<double>(Below(rng, 4'501)) / 1'000.0;
    return engine::PlaceBid{request};
}

void SimBiddingClients::OnAnswer(const engine::Command& sent, const engine::Reply& reply,
                                 bool durable, Problems& problems) {
    OnRefused(sent);  // answered either way
    if (!durable) return;
    if (std::holds_alternative<engine::CreateProduct>(sent)) {
        const auto& product = std::get<engine::ProductReply>(reply).product;
        if (product) products_.push_back(product->product_id);
        ++stats_["bid:products"];
    } else if (std::holds_alternative<engine::CreateCampaign>(sent)) {
        const auto& created = std::get<engine::CampaignReply>(reply);
        if (created.campaign) {
            campaigns_[created.campaign->campaign.campaign_id] = created.campaign->campaign;
        }
        ++stats_["bid:campaigns"];
    } else if (const auto* bid = std::get_if<engine::PlaceBid>(&sent)) {
        OnBid(*bid, std::get<engine::BidReply>(reply), problems);
    } else if (const auto* asked = std::get_if<engine::GetCampaignOrders>(&sent)) {
        const auto& orders = std::get<engine::CampaignOrdersReply>(reply);
        if (!orders.orders.empty()) Seen(asked->campaign_id, orders.orders, problems);
    } else if (std::holds_alternative<engine::GetFinalRanking>(sent)) {
        OnFinal(std::get<engine::FinalRankingReply>(reply), problems);
    } else if (const auto* step = std::get_if<engine::OrderReply>(&reply)) {
        OnOrderStep(sent, *step, problems);
    }
}

void SimBiddingClients::OnOrderStep(const engine::Command& sent, const engine::OrderReply& reply,
                                    Problems& problems) {
    using enum engine::CampaignOrderStatus;
    ++stats_["bid:order_" + std::string(engine::ToString(reply.outcome))];
    if (!reply.campaign_order) return;
    const CampaignOrder& order = *reply.campaign_order;
    won_[order.order_id] = order.status;
    if (reply.outcome != engine::OrderOutcome::kOk) return;
    engine::CampaignOrderStatus expected = kPaymentPending;
    if (std::holds_alternative<engine::CancelOrder>(sent)) expected = kCancelled;
    if (const auto* completed = std::get_if<engine::CompletePayment>(&sent)) {
        expected = completed->approved ? kPaid : kAwaitingPayment;
    }
    if (order.status != expected) {
        problems.push_back("campaign order " + Id(order.order_id.value()) + " is " +
                           std::string(engine::ToString(order.status)) + " after a step to " +
                           std::string(engine::ToString(expected)));
    }
    if (order.status == kPaid || order.status == kCancelled) {
        acked_final_[order.order_id] = order.status;
        ++stats_["bid:orders_" + std::string(engine::ToString(order.status))];
    }
}

void SimBiddingClients::OnBid(const engine::PlaceBid& sent, const engine::BidReply& reply,
                              Problems& problems) {
    ++stats_["bid:" + std::string(engine::ToString(reply.outcome))];
    if (reply.outcome != engine::BidOutcome::kOk) return;
    const Bid& bid = *reply.bid;
    if (bid.user_id != sent.request.user_id || bid.campaign_id != sent.request.campaign_id ||
        bid.price_minor != sent.request.price_minor || reply.rank == 0) {
        problems.push_back("bid " + Id(bid.bid_id.value()) + " answered for another request");
    }
    acked_bids_[bid.bid_id] = bid;
}

void SimBiddingClients::OnFinal(const engine::FinalRankingReply& reply, Problems& problems) {
    if (!reply.final) return;
    ++stats_["bid:final_rankings_read"];
    const Campaign& campaign = reply.final->campaign;
    if (campaign.final_sha256 != HashOf(reply.final->ranking)) {
        problems.push_back("campaign " + Id(campaign.campaign_id.value()) +
                           ": final_sha256 is not the hash of its final ranking");
    }
    Seen(campaign, problems);
}

void SimBiddingClients::Seen(const Campaign& campaign, Problems& problems) {
    auto [first, fresh] = settled_.try_emplace(campaign.campaign_id, campaign);
    if (!fresh && first->second != campaign) {
        problems.push_back("settled campaign " + Id(campaign.campaign_id.value()) +
                           " changed (settled twice?)");
    }
}

// Orders are compared by their terms: their payment may have moved on since.
void SimBiddingClients::Seen(CampaignId id, const std::vector<CampaignOrder>& orders,
                             Problems& problems) {
    const auto terms = [](const std::vector<CampaignOrder>& list) {
        std::vector<std::tuple<OrderId, UserId, engine::BidId, std::int64_t, TimePoint>> out;
        for (const CampaignOrder& o : list) {
            out.emplace_back(o.order_id, o.user_id, o.bid_id, o.final_price_minor, o.pay_by);
        }
        return out;
    };
    for (const CampaignOrder& order : orders) won_[order.order_id] = order.status;
    auto [first, fresh] = orders_.try_emplace(id, orders);
    if (!fresh && terms(first->second) != terms(orders)) {
        problems.push_back("campaign " + Id(id.value()) + " had " + Id(first->second.size()) +
                           " orders, now " + Id(orders.size()) + " (settled twice?)");
    }
}

void SimBiddingClients::CheckOrders(const engine::Engine& engine, Problems& problems) const {
    for (const auto& [id, status] : acked_final_) {
        const CampaignOrder* order = engine.Bidding().FindOrder(id);
        if (order == nullptr || order->status != status) {
            problems.push_back("campaign order " + Id(id.value()) + " was acknowledged " +
                               std::string(engine::ToString(status)) + ", is " +
                               (order ? std::string(engine::ToString(order->status)) : "gone"));
        }
    }
}

void SimBiddingClients::CheckRecovered(const engine::RecoveredState& loaded,
                                       const engine::Engine& engine, TimePoint now,
                                       Problems& problems) {
    CheckAcknowledged(loaded, engine, problems);
    CheckOrders(engine, problems);
    CheckSettlements(loaded, engine, now, problems);
}

void SimBiddingClients::CheckAcknowledged(const engine::RecoveredState& loaded,
                                          const engine::Engine& engine, Problems& problems) const {
    const std::vector<Bid>& bids = loaded.bidding.bids;  // ids 1..n
    for (const auto& [id, acked] : acked_bids_) {
        if (id.value() > bids.size() || bids[id.value() - 1] != acked) {
            problems.push_back("acknowledged bid " + Id(id.value()) + " is not journaled as told");
        }
    }
    for (const auto& [id, created] : campaigns_) {
        const Campaign* campaign = engine.Bidding().FindCampaign(id);
        if (campaign == nullptr || campaign->end_time != created.end_time ||
            campaign->quota != created.quota || campaign->weights != created.weights) {
            problems.push_back("acknowledged campaign " + Id(id.value()) + " is gone or changed");
        }
    }
}

void SimBiddingClients::CheckSettlements(const engine::RecoveredState& loaded,
                                         const engine::Engine& engine, TimePoint now,
                                         Problems& problems) {
    const engine::BiddingBook& book = engine.Bidding();
    std::map<CampaignId, std::vector<Bid>> bids_of;
    for (const Bid& bid : loaded.bidding.bids) bids_of[bid.campaign_id].push_back(bid);
    std::map<engine::ProductId, std::vector<Campaign>> by_product;
    for (const CampaignId id : book.CampaignIds()) {
        const Campaign& campaign = *book.FindCampaign(id);
        by_product[campaign.product_id].push_back(campaign);
        if (campaign.settled != (campaign.end_time <= now)) {
            problems.push_back("campaign " + Id(id.value()) + " is settled: " +
                               (campaign.settled ? "yes" : "no") + " at " + Id(ToUnixMillis(now)) +
                               ", its end " + Id(ToUnixMillis(campaign.end_time)));
        }
    }
    for (const engine::Product& product : book.Products()) {
        // Settlements in the order they happened, and the units given back, by time.
        std::vector<Campaign>& campaigns = by_product[product.product_id];
        std::sort(campaigns.begin(), campaigns.end(), [](const Campaign& a, const Campaign& b) {
            return std::tuple(a.settled_at, a.end_time, a.campaign_id) <
                   std::tuple(b.settled_at, b.end_time, b.campaign_id);
        });
        std::multiset<TimePoint> returns;
        for (const CampaignOrder& order : book.Orders()) {
            if (order.product_id == product.product_id && !engine::IsLive(order)) {
                returns.insert(order.updated_at);
            }
        }
        std::int64_t stock = product.initial_stock;
        for (const Campaign& campaign : campaigns) {
            const std::vector<CampaignOrder> orders = book.OrdersOfCampaign(campaign.campaign_id);
            if (!campaign.settled) {
                if (!orders.empty()) problems.push_back("orders of an unsettled campaign");
                continue;
            }
            for (; !returns.empty() && *returns.begin() < campaign.settled_at; ++stock) {
                returns.erase(returns.begin());
            }
            CheckSettled(campaign, orders, bids_of[campaign.campaign_id], stock,
                         static_cast<std::int64_t>(returns.count(campaign.settled_at)), problems);
            Seen(campaign, problems);
            Seen(campaign.campaign_id, orders, problems);
            ++stats_["bid:settlements_checked"];
        }
        stock += static_cast<std::int64_t>(returns.size());
        if (product.stock != stock) {
            problems.push_back("product " + Id(product.product_id.value()) + " has stock " +
                               Id(product.stock) + ", its settlements and returns leave " +
                               std::to_string(stock));
        }
    }
}

std::string SimBiddingClients::Describe(const engine::Command& command) {
    if (const auto* bid = std::get_if<engine::PlaceBid>(&command)) {
        return "bid of user " + Id(bid->request.user_id.value()) + " in campaign " +
               Id(bid->request.campaign_id.value());
    }
    if (std::holds_alternative<engine::CreateProduct>(command)) return "create product";
    if (std::holds_alternative<engine::CreateCampaign>(command)) return "create campaign";
    return "a campaign read";
}

}  // namespace tix::service
