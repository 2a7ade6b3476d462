#include "api/bidding_routes.h"

#include "api/bidding_request.h"
#include "api/bidding_views.h"
#include "api/problems.h"
#include "api/route_support.h"
#include "http/json_body.h"

namespace tix::api {
namespace {

namespace json = boost::json;
using http::Access;
using http::Problem;
using http::beast_http::status;
using http::beast_http::verb;
using Services = BiddingRouteServices;

http::Response UnknownProduct() { return NotFound(Problem::kUnknownProduct, {}); }
http::Response UnknownCampaign() { return NotFound(Problem::kUnknownCampaign, {}); }

void CreateProduct(const Services& s, http::RequestContext& context, http::Responder respond) {
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) return respond(body.problem());
    std::optional<engine::Product> product = ReadProduct(*body);
    if (!product) return respond(body->problem());
    Submit<engine::ProductReply>(s.sequencer, engine::CreateProduct{std::move(*product)},
                                 std::move(respond), [](engine::ProductReply&& reply) {
                                     return http::JsonResponse(status::created,
                                                               ProductJson(*reply.product));
                                 });
}

void ListProducts(const Services& s, http::RequestContext&, http::Responder respond) {
    Submit<engine::ProductListReply>(
        s.sequencer, engine::ListProducts{}, std::move(respond),
        [](engine::ProductListReply&& reply) {
            return http::JsonResponse(
                status::ok, json::object{{"products", ArrayOf(reply.products, ProductJson)}});
        });
}

void GetProduct(const Services& s, http::RequestContext& context, http::Responder respond) {
    const auto product_id = ParseIdAs<engine::ProductId>(context.Param("product_id"));
    if (!product_id) return respond(UnknownProduct());
    Submit<engine::ProductReply>(s.sequencer, engine::GetProduct{*product_id}, std::move(respond),
                                 [](engine::ProductReply&& reply) {
                                     if (!reply.product) return UnknownProduct();
                                     return http::JsonResponse(status::ok,
                                                               ProductJson(*reply.product));
                                 });
}

// A campaign with its figures and its product.
http::Response CampaignResponse(status code, const engine::CampaignReply& reply) {
    json::object campaign = CampaignJson(*reply.campaign);
    campaign["currency"] = reply.product->currency;
    campaign["product"] = ProductJson(*reply.product);
    return http::JsonResponse(code, campaign);
}

void CreateCampaign(const Services& s, http::RequestContext& context, http::Responder respond) {
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) return respond(body.problem());
    std::optional<engine::Campaign> campaign = ReadCampaign(*body, s.clock());
    if (!campaign) return respond(body->problem());
    Submit<engine::CampaignReply>(s.sequencer, engine::CreateCampaign{std::move(*campaign)},
                                  std::move(respond), [](engine::CampaignReply&& reply) {
                                      if (reply.outcome != engine::CampaignSetupOutcome::kOk) {
                                          return CampaignSetupProblem(reply.outcome);
                                      }
                                      return CampaignResponse(status::created, reply);
                                  });
}

void ListCampaigns(const Services& s, http::RequestContext&, http::Responder respond) {
    Submit<engine::CampaignListReply>(
        s.sequencer, engine::ListCampaigns{}, std::move(respond),
        [](engine::CampaignListReply&& reply) {
            return http::JsonResponse(
                status::ok, json::object{{"campaigns", ArrayOf(reply.campaigns, CampaignJson)}});
        });
}

void GetCampaign(const Services& s, http::RequestContext& context, http::Responder respond) {
    const auto campaign_id = ParseIdAs<engine::CampaignId>(context.Param("campaign_id"));
    if (!campaign_id) return respond(UnknownCampaign());
    Submit<engine::CampaignReply>(s.sequencer, engine::GetCampaign{*campaign_id},
                                  std::move(respond), [](engine::CampaignReply&& reply) {
                                      if (!reply.campaign) return UnknownCampaign();
                                      return CampaignResponse(status::ok, reply);
                                  });
}

// The bidder's weight is read here, on the IO thread, at receipt: the engine keeps no accounts.
void PlaceBid(const Services& s, http::RequestContext& context, http::Responder respond) {
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) return respond(body.problem());
    std::optional<engine::BidRequest> bid = ReadBid(*body);
    if (!bid) return respond(body->problem());
    bid->user_id = context.principal->user_id;
    const std::optional<Member> member = s.members(bid->user_id);
    if (!member) return respond(http::ProblemResponse(Problem::kUnauthorized, "no such account"));
    bid->member_weight = member->weight;
    Submit<engine::BidReply>(s.sequencer, engine::PlaceBid{*bid}, std::move(respond),
                             [&s](engine::BidReply&& reply) {
                                 if (reply.outcome != engine::BidOutcome::kOk)
                                     return BidProblem(reply);
                                 if (s.on_bid_accepted) s.on_bid_accepted(*reply.bid, reply.rank);
                                 json::object out = BidJson(*reply.bid);
                                 out["rank"] = reply.rank;
                                 out["currency"] = reply.product->currency;
                                 return http::JsonResponse(status::created, out);
                             });
}

void BidHistory(const Services& s, http::RequestContext& context, http::Responder respond) {
    const auto campaign_id = ParseIdAs<engine::CampaignId>(context.Param("campaign_id"));
    if (!campaign_id) return respond(UnknownCampaign());
    Submit<engine::BidHistoryReply>(
        s.sequencer, engine::GetBidHistory{*campaign_id, context.principal->user_id},
        std::move(respond), [campaign_id = *campaign_id](engine::BidHistoryReply&& reply) {
            if (!reply.found) return UnknownCampaign();
            return http::JsonResponse(status::ok,
                                      json::object{{"campaign_id", campaign_id.value()},
                                                   {"bids", ArrayOf(reply.bids, BidJson)}});
        });
}

}  // namespace

void AddBiddingRoutes(http::Router& router, const BiddingRouteServices& services) {
    const auto bind = [&services](auto fn) { return BindTo(services, fn); };
    router.Add(verb::get, "/api/v1/products", Access::kPublic, bind(ListProducts));
    router.Add(verb::get, "/api/v1/products/{product_id}", Access::kPublic, bind(GetProduct));
    router.Add(verb::post, "/api/v1/products", Access::kAdmin, bind(CreateProduct));
    router.Add(verb::get, "/api/v1/campaigns", Access::kPublic, bind(ListCampaigns));
    router.Add(verb::get, "/api/v1/campaigns/{campaign_id}", Access::kPublic, bind(GetCampaign));
    router.Add(verb::post, "/api/v1/campaigns", Access::kAdmin, bind(CreateCampaign));
    router.Add(verb::post, "/api/v1/bids", Access::kUser, bind(PlaceBid));
    router.Add(verb::get, "/api/v1/bids/{campaign_id}/history", Access::kUser, bind(BidHistory));
}

}  // namespace tix::api
