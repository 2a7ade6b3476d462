// CampaignFeed: a bidding campaign live over a WebSocket, /ws/{campaign_id}?token=... (docs/
// bidding.md): `ranking_update` to every socket every kRankingPushPeriod while the campaign is
// active, rendered once per tick and shared; `bid_accepted` to the bidder's sockets when the
// engine took a bid; `campaign_ended` to each connected user once the settlement is durable,
// with that user's result. Built on the push layer like AvailabilityFeed.
//
// Thread-safe: the upgrade runs on IO threads, Tick on the ticker's, completions where the
// sequencer delivers them. REQUIRES: the sequencer and hub outlive it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "api/bidding_views.h"
#include "engine/reply.h"
#include "http/router.h"
#include "push/push_hub.h"
#include "service/sequencer.h"

namespace tix::api {

inline constexpr std::chrono::milliseconds kRankingPushPeriod{2'000};
// The ranks a ranking_update carries: the board a page shows (min(K, this)).
inline constexpr std::uint32_t kRankingPushRanks = 100;

// The hub topic of one campaign: "campaign:7".
push::Topic CampaignTopic(engine::CampaignId campaign_id);

class CampaignFeed {
  public:
    using Clock = std::function<TimePoint()>;

    CampaignFeed(service::Sequencer& sequencer, push::PushHub& hub, NameOf names, Clock now);
    CampaignFeed(const CampaignFeed&) = delete;
    CampaignFeed& operator=(const CampaignFeed&) = delete;

    // GET /ws/{campaign_id}: a signed-in user (a bad token: 401 before the upgrade); an unknown
    // campaign: 404 unknown_campaign. The socket opens with the current ranking.
    void AddRoutes(http::Router& router);

    // Asks about every watched campaign: publishes the ranking of each active one, and tells the
    // watchers of a newly settled one how it ended. Skips a campaign still being asked about.
    void Tick();

    // `bid_accepted` to the bidder's sockets of the bid's campaign. Any thread.
    void OnBidAccepted(const engine::Bid& bid, std::uint32_t rank);

  private:
    void Upgrade(http::RequestContext& context, http::UpgradeResponder respond);
    void OnRanking(engine::CampaignId campaign_id, engine::Reply&& reply, bool durable);
    void AnnounceEnd(engine::CampaignId campaign_id);
    void OnStandings(engine::CampaignId campaign_id, const std::vector<UserId>& users,
                     engine::Reply&& reply, bool durable);
    push::Frame RankingFrame(const engine::RankingView& view) const;
    void Done(engine::CampaignId campaign_id);

    service::Sequencer& sequencer_;
    push::PushHub& hub_;
    const NameOf names_;
    const Clock now_;

    std::mutex mutex_;                               // guards the two below
    std::unordered_set<engine::CampaignId> asking_;  // queries submitted, not answered
    std::unordered_set<engine::CampaignId> ended_;   // settled campaigns already announced
};

}  // namespace tix::api
