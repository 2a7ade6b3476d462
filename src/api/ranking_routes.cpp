// The reading side of bidding: live rankings, a bidder's place, the final ranking with its hash,
// and a settled campaign's orders (bidding_routes.h).
#include <charconv>

#include "api/bidding_routes.h"
#include "api/bidding_views.h"
#include "api/problems.h"
#include "api/route_support.h"

namespace tix::api {
namespace {

namespace json = boost::json;
using http::Access;
using http::Problem;
using http::beast_http::status;
using http::beast_http::verb;
using Services = BiddingRouteServices;

// GET /rankings: top_k is min(K, ?limit=), the limit 1..kRankingLimitMax.
constexpr std::uint32_t kRankingLimitDefault = 100;
constexpr std::uint32_t kRankingLimitMax = 1'000;
// GET /rankings/{id}/final pages its ranking like the queue's draw.
constexpr std::uint32_t kFinalPageMax = 1'000;

http::Response UnknownCampaign() { return NotFound(Problem::kUnknownCampaign, {}); }

// ?name=N with N in [min, max], `fallback` when absent; nullopt after answering invalid_query.
std::optional<std::uint64_t> ReadCount(const http::RequestContext& context, std::string_view name,
                                       std::uint64_t min, std::uint64_t max, std::uint64_t fallback,
                                       const http::Responder& respond) {
    const std::optional<std::string_view> text = context.Query(name);
    if (!text) return fallback;
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
        respond(http::ProblemResponse(
            Problem::kInvalidQuery,
            std::string(name) + " must be " + std::to_string(min) + ".." + std::to_string(max)));
        return std::nullopt;
    }
    return value;
}

void GetRanking(const Services& s, http::RequestContext& context, http::Responder respond) {
    const auto limit =
        ReadCount(context, "limit", 1, kRankingLimitMax, kRankingLimitDefault, respond);
    if (!limit) return;
    const auto campaign_id = ParseIdAs<engine::CampaignId>(context.Param("campaign_id"));
    if (!campaign_id) return respond(UnknownCampaign());
    const auto count = static_cast<std::uint32_t>(*limit);
    Submit<engine::RankingReply>(s.sequencer, engine::GetRanking{*campaign_id, count, {}},
                                 std::move(respond), [&s, count](engine::RankingReply&& reply) {
                                     if (!reply.ranking) return UnknownCampaign();
                                     return http::JsonResponse(
                                         status::ok, RankingJson(*reply.ranking, count, s.names));
                                 });
}

void GetStanding(const Services& s, http::RequestContext& context, http::Responder respond) {
    const auto campaign_id = ParseIdAs<engine::CampaignId>(context.Param("campaign_id"));
    if (!campaign_id) return respond(UnknownCampaign());
    Submit<engine::RankingReply>(
        s.sequencer, engine::GetRanking{*campaign_id, 0, context.principal->user_id},
        std::move(respond), [](engine::RankingReply&& reply) {
            if (!reply.ranking) return UnknownCampaign();
            if (!reply.standing || reply.standing->rank == 0) {
                return http::ProblemResponse(Problem::kNoBid);
            }
            return http::JsonResponse(status::ok, StandingJson(*reply.ranking, *reply.standing));
        });
}

void GetFinalRanking(const Services& s, http::RequestContext& context, http::Responder respond) {
    const auto after = ReadCount(context, "after", 0, UINT32_MAX, 0, respond);
    if (!after) return;
    const auto limit = ReadCount(context, "limit", 1, kFinalPageMax, kFinalPageMax, respond);
    if (!limit) return;
    const auto campaign_id = ParseIdAs<engine::CampaignId>(context.Param("campaign_id"));
    if (!campaign_id) return respond(UnknownCampaign());
    Submit<engine::FinalRankingReply>(
        s.sequencer, engine::GetFinalRanking{*campaign_id}, std::move(respond),
        [&s, after = *after,
         limit = static_cast<std::uint32_t>(*limit)](engine::FinalRankingReply&& reply) {
            if (!reply.found) return UnknownCampaign();
            if (!reply.final) {
                return http::ProblemResponse(
                    Problem::kCampaignNotSettled,
                    "the campaign is " + std::string(engine::ToString(reply.status)));
            }
            return http::JsonResponse(status::ok,
                                      FinalRankingJson(*reply.final, after, limit, s.names));
        });
}

void GetCampaignOrders(const Services& s, http::RequestContext& context, http::Responder respond) {
    const auto campaign_id = ParseIdAs<engine::CampaignId>(context.Param("campaign_id"));
    if (!campaign_id) return respond(UnknownCampaign());
    Submit<engine::CampaignOrdersReply>(
        s.sequencer, engine::GetCampaignOrders{*campaign_id}, std::move(respond),
        [campaign_id = *campaign_id](engine::CampaignOrdersReply&& reply) {
            if (!reply.found) return UnknownCampaign();
            return http::JsonResponse(
                status::ok, json::object{{"campaign_id", campaign_id.value()},
                                         {"count", reply.orders.size()},
                                         {"orders", ArrayOf(reply.orders, CampaignOrderJson)}});
        });
}

}  // namespace

void AddRankingRoutes(http::Router& router, const BiddingRouteServices& services) {
    const auto bind = [&services](auto fn) { return BindTo(services, fn); };
    router.Add(verb::get, "/api/v1/rankings/{campaign_id}", Access::kPublic, bind(GetRanking));
    router.Add(verb::get, "/api/v1/rankings/{campaign_id}/me", Access::kUser, bind(GetStanding));
    router.Add(verb::get, "/api/v1/rankings/{campaign_id}/final", Access::kPublic,
               bind(GetFinalRanking));
    // Beside /orders/{order_id}/tickets the literal segment wins (Router::Add); /orders/{order_id}
    // has one segment fewer.
    router.Add(verb::get, "/api/v1/orders/campaign/{campaign_id}", Access::kAdmin,
               bind(GetCampaignOrders));
}

}  // namespace tix::api
