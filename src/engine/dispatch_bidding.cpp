#include "engine/dispatch_bidding.h"

#include <utility>

namespace tix::engine {
namespace {

std::optional<Product> ProductOf(const BiddingBook& book, const Campaign& campaign) {
    const Product* product = book.FindProduct(campaign.product_id);
    return product == nullptr ? std::nullopt : std::optional<Product>(*product);
}

}  // namespace

ProductReply Dispatch(Engine& engine, CreateProduct& command, TimePoint now) {
    return {engine.AddProduct(std::move(command.product), now)};
}

ProductListReply Dispatch(const Engine& engine, const ListProducts&) {
    return {engine.Bidding().Products()};
}

ProductReply Dispatch(const Engine& engine, const GetProduct& command) {
    const Product* product = engine.Bidding().FindProduct(command.product_id);
    return {product == nullptr ? std::nullopt : std::optional<Product>(*product)};
}

CampaignReply Dispatch(Engine& engine, CreateCampaign& command, TimePoint now) {
    CampaignId id;
    CampaignReply reply;
    reply.outcome = engine.AddCampaign(std::move(command.campaign), now, id);
    if (reply.outcome != CampaignSetupOutcome::kOk) return reply;
    return Dispatch(engine, GetCampaign{id}, now);
}

CampaignListReply Dispatch(const Engine& engine, const ListCampaigns&, TimePoint now) {
    const BiddingBook& book = engine.Bidding();
    CampaignListReply reply;
    for (const CampaignId id : book.CampaignIds())
        reply.campaigns.push_back(book.Ranking(id, 0, now));
    return reply;
}

CampaignReply Dispatch(const Engine& engine, const GetCampaign& command, TimePoint now) {
    const BiddingBook& book = engine.Bidding();
    CampaignReply reply;
    const Campaign* campaign = book.FindCampaign(command.campaign_id);
    if (campaign == nullptr) return reply;
    reply.campaign = book.Ranking(command.campaign_id, 0, now);
    reply.product = ProductOf(book, *campaign);
    return reply;
}

BidReply Dispatch(Engine& engine, const PlaceBid& command, TimePoint now) {
    const BidResult result = engine.PlaceBid(command.request, now);
    BidReply reply{result.outcome, result.bid, result.rank, std::nullopt, std::nullopt};
    const BiddingBook& book = engine.Bidding();
    if (const Campaign* campaign = book.FindCampaign(command.request.campaign_id)) {
        reply.campaign = *campaign;
        reply.product = ProductOf(book, *campaign);
    }
    return reply;
}

BidHistoryReply Dispatch(const Engine& engine, const GetBidHistory& command) {
    const BiddingBook& book = engine.Bidding();
    if (book.FindCampaign(command.campaign_id) == nullptr) return {};
    return {true, book.History(command.campaign_id, command.user_id)};
}

RankingReply Dispatch(const Engine& engine, const GetRanking& command, TimePoint now) {
    const BiddingBook& book = engine.Bidding();
    RankingReply reply;
    if (book.FindCampaign(command.campaign_id) == nullptr) return reply;
    reply.ranking = book.Ranking(command.campaign_id, command.limit, now);
    if (command.standing_of) {
        reply.standing = book.StandingOf(command.campaign_id, command.standing_of, now);
    }
    return reply;
}

FinalRankingReply Dispatch(const Engine& engine, const GetFinalRanking& command, TimePoint now) {
    const BiddingBook& book = engine.Bidding();
    const Campaign* campaign = book.FindCampaign(command.campaign_id);
    if (campaign == nullptr) return {};
    FinalRankingReply reply{true, StatusAt(*campaign, now), std::nullopt};
    if (campaign->settled) reply.final = book.Final(command.campaign_id);
    return reply;
}

CampaignOrdersReply Dispatch(const Engine& engine, const GetCampaignOrders& command) {
    const BiddingBook& book = engine.Bidding();
    if (book.FindCampaign(command.campaign_id) == nullptr) return {};
    return {true, book.OrdersOfCampaign(command.campaign_id)};
}

StandingsReply Dispatch(const Engine& engine, const GetStandings& command, TimePoint now) {
    const BiddingBook& book = engine.Bidding();
    StandingsReply reply;
    if (book.FindCampaign(command.campaign_id) == nullptr) return reply;
    reply.ranking = book.Ranking(command.campaign_id, 0, now);
    reply.standings.reserve(command.users.size());
    for (const UserId user : command.users)
        reply.standings.push_back(book.StandingOf(command.campaign_id, user, now));
    return reply;
}

}  // namespace tix::engine
