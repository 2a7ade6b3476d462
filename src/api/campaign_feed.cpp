#include "api/campaign_feed.h"

#include <optional>
#include <string_view>
#include <utility>
#include <variant>

#include "api/problems.h"
#include "api/route_support.h"
#include "api/views.h"
#include "common/rfc3339.h"

namespace tix::api {
namespace {

namespace json = boost::json;
using engine::CampaignId;

constexpr std::string_view kCampaignTopicPrefix = "campaign:";

std::optional<CampaignId> CampaignOfTopic(std::string_view topic) {
    if (!topic.starts_with(kCampaignTopicPrefix)) return std::nullopt;
    return ParseIdAs<CampaignId>(topic.substr(kCampaignTopicPrefix.size()));
}

http::Response UnknownCampaign() {
    return NotFound(http::Problem::kUnknownCampaign, "No campaign with that id");
}

void Stamp(json::object& data, TimePoint now) {
    data["timestamp"] = FormatRfc3339(now);
    data["timestamp_ms"] = ToUnixMillis(now);  // for clients that measure delivery
}

// What a watcher is told when the campaign is settled: won (with an order), or not.
push::Frame EndedFrame(CampaignId campaign_id, const engine::Standing& standing) {
    json::object data{{"campaign_id", campaign_id.value()},
                      {"is_winner", standing.is_winning},
                      {"final_rank", nullptr},
                      {"final_score", nullptr},
                      {"final_price", nullptr}};
    if (standing.rank != 0) {
        data["final_rank"] = standing.rank;
        data["final_score"] = standing.bid.score;
        data["final_price"] = Money(standing.bid.price_minor);
        data["final_price_minor"] = standing.bid.price_minor;
    }
    return push::MakeFrame("campaign_ended", data);
}

}  // namespace

push::Topic CampaignTopic(CampaignId campaign_id) {
    return std::string(kCampaignTopicPrefix) + std::to_string(campaign_id.value());
}

CampaignFeed::CampaignFeed(service::Sequencer& sequencer, push::PushHub& hub, NameOf names,
                           Clock now)
    : sequencer_(sequencer), hub_(hub), names_(std::move(names)), now_(std::move(now)) {}

void CampaignFeed::AddRoutes(http::Router& router) {
    router.AddWebSocket("/ws/{campaign_id}", http::Access::kUser,
                        [this](http::RequestContext& context, http::UpgradeResponder respond) {
                            Upgrade(context, std::move(respond));
                        });
}

push::Frame CampaignFeed::RankingFrame(const engine::RankingView& view) const {
    json::object data = RankingJson(view, kRankingPushRanks, names_);
    data["campaign_id"] = view.campaign.campaign_id.value();
    Stamp(data, now_());
    return push::MakeFrame("ranking_update", data);
}

void CampaignFeed::Upgrade(http::RequestContext& context, http::UpgradeResponder respond) {
    const std::optional<CampaignId> campaign_id =
        ParseIdAs<CampaignId>(context.Param("campaign_id"));
    if (!campaign_id) return respond.Refuse(UnknownCampaign());
    const UserId user = context.principal->user_id;
    service::Completion completion = [this, respond, user, campaign_id = *campaign_id](
                                         engine::Reply&& reply, bool durable) {
        if (!durable) return respond.Refuse(StorageUnavailable());
        const auto& ranking = std::get<engine::RankingReply>(reply);
        if (!ranking.ranking) return respond.Refuse(UnknownCampaign());
        respond.Accept(http::WebSocketPlan{
            .hub = &hub_,
            .topics = {CampaignTopic(campaign_id)},
            .user = user,
            .initial = {{push::Slot::kRanking, RankingFrame(*ranking.ranking)}},
        });
    };
    const engine::GetRanking query{*campaign_id, kRankingPushRanks, {}};
    if (!sequencer_.Submit(query, std::move(completion))) respond.Refuse(Overloaded());
}

void CampaignFeed::Tick() {
    std::vector<CampaignId> to_ask;
    for (const push::Topic& topic : hub_.Topics()) {
        const std::optional<CampaignId> campaign_id = CampaignOfTopic(topic);
        if (!campaign_id) continue;
        std::lock_guard lock(mutex_);
        if (!ended_.contains(*campaign_id) && asking_.insert(*campaign_id).second)
            to_ask.push_back(*campaign_id);
    }
    for (const CampaignId campaign_id : to_ask) {
        service::Completion completion = [this, campaign_id](engine::Reply&& reply, bool durable) {
            OnRanking(campaign_id, std::move(reply), durable);
        };
        if (!sequencer_.Submit(engine::GetRanking{campaign_id, kRankingPushRanks, {}},
                               std::move(completion))) {
            Done(campaign_id);  // overloaded: next tick
        }
    }
}

void CampaignFeed::OnRanking(CampaignId campaign_id, engine::Reply&& reply, bool durable) {
    const auto& ranking = std::get<engine::RankingReply>(reply);
    if (!durable || !ranking.ranking) return Done(campaign_id);
    const engine::RankingView& view = *ranking.ranking;
    if (view.status == engine::CampaignStatus::kActive) {
        hub_.Publish(CampaignTopic(campaign_id), push::Slot::kRanking, RankingFrame(view));
    } else if (view.status == engine::CampaignStatus::kSettled) {
        return AnnounceEnd(campaign_id);
    }
    Done(campaign_id);
}

// Once per campaign (and tixd run): each user watching it now gets their own result.
void CampaignFeed::AnnounceEnd(CampaignId campaign_id) {
    {
        std::lock_guard lock(mutex_);
        ended_.insert(campaign_id);
    }
    std::vector<UserId> users = hub_.Users(CampaignTopic(campaign_id));
    service::Completion completion = [this, campaign_id, users](engine::Reply&& reply,
                                                                bool durable) {
        OnStandings(campaign_id, users, std::move(reply), durable);
    };
    if (!sequencer_.Submit(engine::GetStandings{campaign_id, std::move(users)},
                           std::move(completion))) {
        std::lock_guard lock(mutex_);  // overloaded: announce at the next tick
        ended_.erase(campaign_id);
        asking_.erase(campaign_id);
    }
}

void CampaignFeed::OnStandings(CampaignId campaign_id, const std::vector<UserId>& users,
                               engine::Reply&& reply, bool durable) {
    const auto& standings = std::get<engine::StandingsReply>(reply);
    if (durable && standings.ranking) {
        const push::Topic topic = CampaignTopic(campaign_id);
        for (std::size_t i = 0; i < users.size(); ++i)
            hub_.SendTo(topic, users[i], EndedFrame(campaign_id, standings.standings[i]));
    }
    Done(campaign_id);
}

void CampaignFeed::OnBidAccepted(const engine::Bid& bid, std::uint32_t rank) {
    json::object data = BidJson(bid);
    data["rank"] = rank;
    Stamp(data, now_());
    hub_.SendTo(CampaignTopic(bid.campaign_id), bid.user_id, push::MakeFrame("bid_accepted", data));
}

void CampaignFeed::Done(CampaignId campaign_id) {
    std::lock_guard lock(mutex_);
    asking_.erase(campaign_id);
}

}  // namespace tix::api
