// Dispatch of the bidding commands (dispatch.cpp calls these): the engine call and the reply with
// the campaign as it is after it. Engine thread only.
#pragma once

#include "engine/command.h"
#include "engine/reply.h"

namespace tix::engine {

ProductReply Dispatch(Engine& engine, CreateProduct& command, TimePoint now);
ProductListReply Dispatch(const Engine& engine, const ListProducts& command);
ProductReply Dispatch(const Engine& engine, const GetProduct& command);
CampaignReply Dispatch(Engine& engine, CreateCampaign& command, TimePoint now);
CampaignListReply Dispatch(const Engine& engine, const ListCampaigns& command, TimePoint now);
CampaignReply Dispatch(const Engine& engine, const GetCampaign& command, TimePoint now);
BidReply Dispatch(Engine& engine, const PlaceBid& command, TimePoint now);
BidHistoryReply Dispatch(const Engine& engine, const GetBidHistory& command);
RankingReply Dispatch(const Engine& engine, const GetRanking& command, TimePoint now);
FinalRankingReply Dispatch(const Engine& engine, const GetFinalRanking& command, TimePoint now);
CampaignOrdersReply Dispatch(const Engine& engine, const GetCampaignOrders& command);
StandingsReply Dispatch(const Engine& engine, const GetStandings& command, TimePoint now);

}  // namespace tix::engine
