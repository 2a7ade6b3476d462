// Every refusal of the bidding routes (issue 11), each a problem+json with its code, and nothing
// changed by it: bad bodies and ids, unknown products and campaigns, prices below the minimum,
// bids outside the window, the 101st bid of a user, rankings of nobody, settlement not yet done,
// who may do what, member weights out of range.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/bidding_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

constexpr seconds kMinute{60};

using BiddingErrors = BiddingTest;

std::size_t Count(HttpClient& client, std::string_view collection) {
    const Response list = client.Get("/api/v1/" + std::string(collection));
    EXPECT_EQ(list.status, 200) << list;
    return GetArray(list.json, collection).size();
}

TEST_F(BiddingErrors, BadProductsAre400AndMakeNothing) {
    HttpClient& admin = server().admin();
    const auto refused = [&](json::object body) {
        return IsProblem(admin.Post("/api/v1/products", body), 400, {"invalid_field"});
    };
    json::object body = ProductBody(5);
    body.erase("name");
    EXPECT_TRUE(refused(body));
    body = ProductBody(5);
    body.erase("stock");
    EXPECT_TRUE(refused(body));
    EXPECT_TRUE(refused(ProductBody(-1)));
    EXPECT_TRUE(refused(ProductBody(1'000'001)));  // kProductStockMax + 1
    EXPECT_TRUE(refused(ProductBody(5, -1)));
    EXPECT_TRUE(refused(ProductBody(5, 1.005)));
    body = ProductBody(5);
    body.erase("min_price");
    EXPECT_TRUE(refused(body));
    body = ProductBody(5);
    body["stock"] = "5";
    EXPECT_TRUE(refused(body));
    body = ProductBody(5);
    body["currency"] = "dollars";
    EXPECT_TRUE(refused(body));
    EXPECT_TRUE(IsProblem(admin.RequestRaw("POST", "/api/v1/products", "{\"name\":"), 400,
                          {"malformed_json"}));
    EXPECT_EQ(Count(admin, "products"), 0u);
    // The largest stock is fine.
    EXPECT_EQ(admin.Post("/api/v1/products", ProductBody(1'000'000)).status, 201);
}

TEST_F(BiddingErrors, BadCampaignsAre400AndAnUnknownProductIs404) {
    const json::value product = NewProduct(5);
    HttpClient& admin = server().admin();
    const TimePoint start = std::chrono::floor<seconds>(ServerNow()) + kMinute;
    const auto draft = [&] {
        CampaignDraft d;
        d.product_id = product;
        d.start_time = start;
        d.end_time = start + kMinute;
        d.quota = 2;
        return d;
    };
    const auto refused = [&](const json::object& body) {
        return IsProblem(admin.Post("/api/v1/campaigns", body), 400, {"invalid_field"});
    };
    CampaignDraft d = draft();
    d.end_time = d.start_time;
    EXPECT_TRUE(refused(d.ToJson()));
    d.end_time = d.start_time - seconds{1};
    EXPECT_TRUE(refused(d.ToJson()));
    d = draft();
    d.quota = 0;
    EXPECT_TRUE(refused(d.ToJson()));
    d.quota = 100'001;  // kCampaignQuotaMax + 1
    EXPECT_TRUE(refused(d.ToJson()));
    d = draft();
    d.alpha = -1;
    EXPECT_TRUE(refused(d.ToJson()));
    for (const char* field : {"product_id", "start_time", "end_time", "quota"}) {
        json::object body = draft().ToJson();
        body.erase(field);
        EXPECT_TRUE(refused(body)) << field;
    }
    json::object body = draft().ToJson();
    body["product_id"] = 0;
    EXPECT_TRUE(refused(body));
    body = draft().ToJson();
    body["start_time"] = "next week";
    EXPECT_TRUE(refused(body));
    // A weight that is not a finite number: JSON has no NaN, and 1e999 reads as infinity.
    EXPECT_TRUE(IsProblem(admin.RequestRaw("POST", "/api/v1/campaigns",
                                           R"({"product_id":1,"start_time":")" + Rfc3339(start) +
                                               R"(","end_time":")" + Rfc3339(start + kMinute) +
                                               R"(","quota":1,"gamma":1e999})"),
                          400, {"invalid_field"}));
    d = draft();
    d.product_id = 99;
    EXPECT_TRUE(IsProblem(admin.Post("/api/v1/campaigns", d.ToJson()), 404, {"unknown_product"}));
    EXPECT_EQ(Count(admin, "campaigns"), 0u);
}

TEST_F(BiddingErrors, OnlyAdminsMakeProductsCampaignsAndSeeACampaignsOrders) {
    TestUser fan = server().NewUser("fan");
    auto anonymous = server().NewClient();
    EXPECT_TRUE(IsProblem(fan.http().Post("/api/v1/products", ProductBody(1)), 403));
    EXPECT_TRUE(IsProblem(anonymous->Post("/api/v1/products", ProductBody(1)), 401));
    const json::value product = NewProduct(1);
    CampaignDraft draft;
    draft.product_id = product;
    draft.start_time = std::chrono::floor<seconds>(ServerNow());
    draft.end_time = draft.start_time + kMinute;
    EXPECT_TRUE(IsProblem(fan.http().Post("/api/v1/campaigns", draft.ToJson()), 403));
    const json::value campaign_id =
        Member(NewCampaign(product, 1, seconds{0}, kMinute), "campaign_id");
    EXPECT_TRUE(IsProblem(CampaignOrders(fan.http(), campaign_id), 403));
    EXPECT_TRUE(IsProblem(PlaceBid(*anonymous, campaign_id, 100), 401));
    EXPECT_TRUE(IsProblem(MyStanding(*anonymous, campaign_id), 401));
    EXPECT_TRUE(IsProblem(BidHistory(*anonymous, campaign_id), 401));
    EXPECT_EQ(Count(server().admin(), "products"), 1u);
    EXPECT_EQ(Count(server().admin(), "campaigns"), 1u);
}

TEST_F(BiddingErrors, UnknownIdsAre404Everywhere) {
    TestUser fan = server().NewUser("fan");
    HttpClient& admin = server().admin();
    for (const json::value& id : {json::value(42), json::value("abc"), json::value(0)}) {
        EXPECT_TRUE(IsProblem(GetProduct(fan.http(), id), 404, {"unknown_product"})) << id;
        EXPECT_TRUE(IsProblem(GetCampaign(fan.http(), id), 404, {"unknown_campaign"})) << id;
        EXPECT_TRUE(IsProblem(BidHistory(fan.http(), id), 404, {"unknown_campaign"})) << id;
        EXPECT_TRUE(IsProblem(Ranking(fan.http(), id), 404, {"unknown_campaign"})) << id;
        EXPECT_TRUE(IsProblem(MyStanding(fan.http(), id), 404, {"unknown_campaign"})) << id;
        EXPECT_TRUE(IsProblem(FinalRanking(fan.http(), id), 404, {"unknown_campaign"})) << id;
        EXPECT_TRUE(IsProblem(CampaignOrders(admin, id), 404, {"unknown_campaign"})) << id;
    }
    EXPECT_TRUE(IsProblem(PlaceBid(fan.http(), 42, 100), 404, {"unknown_campaign"}));
    EXPECT_TRUE(IsProblem(SetWeight(admin, 999, 2), 404, {"unknown_user"}));
}

TEST_F(BiddingErrors, BidsRefusedForTheirPriceTheirBodyOrTheWindowChangeNothing) {
    TestUser fan = server().NewUser("fan");
    const json::value product = NewProduct(3, 100);
    const json::value campaign_id =
        Member(NewCampaign(product, 2, kMinute, kMinute), "campaign_id");
    EXPECT_TRUE(IsProblem(PlaceBid(fan.http(), campaign_id, 200), 409, {"campaign_not_active"}));
    Advance(kMinute);
    EXPECT_TRUE(IsProblem(PlaceBid(fan.http(), campaign_id, 99.99), 400, {"price_too_low"}));
    EXPECT_TRUE(IsProblem(PlaceBid(fan.http(), campaign_id, -1), 400, {"invalid_field"}));
    EXPECT_TRUE(IsProblem(PlaceBid(fan.http(), campaign_id, 100.001), 400, {"invalid_field"}));
    for (const char* body : {R"({"price":150})", R"({"campaign_id":1})", R"({"campaign_id":"1",
        "price":150})",
                             R"({"campaign_id":1,"price":"150"})", R"({"campaign_id":1,"price":150,
        "user_id":1})",
                             R"([1,150])"}) {
        const Response refused = fan.http().RequestRaw("POST", "/api/v1/bids", body);
        EXPECT_TRUE(IsProblem(refused, 400, {"invalid_field", "malformed_json"})) << body;
    }
    EXPECT_TRUE(IsProblem(MyStanding(fan.http(), campaign_id), 404, {"no_bid"}));
    EXPECT_TRUE(GetArray(BidHistory(fan.http(), campaign_id).json, "bids").empty());
    EXPECT_EQ(GetInt(GetCampaign(fan.http(), campaign_id).json, "bids"), 0);
    // The minimum itself is fine.
    EXPECT_EQ(PlaceBid(fan.http(), campaign_id, 100).status, 201);
    Advance(kMinute);
    EXPECT_TRUE(IsProblem(PlaceBid(fan.http(), campaign_id, 500), 409, {"campaign_not_active"}));
    EXPECT_EQ(GetInt(GetCampaign(fan.http(), campaign_id).json, "bids"), 1);
}

TEST_F(BiddingErrors, TheHundredAndFirstBidOfAUserIsTooMany) {
    TestUser fan = server().NewUser("fan");
    const json::value campaign_id =
        Member(NewCampaign(NewProduct(1), 1, seconds{0}, kMinute), "campaign_id");
    for (int i = 1; i <= 100; ++i) {
        const Response bid = PlaceBid(fan.http(), campaign_id, 100 + i);
        ASSERT_EQ(bid.status, 201) << bid;
        ASSERT_EQ(GetInt(bid.json, "bid_number"), i);
    }
    EXPECT_TRUE(IsProblem(PlaceBid(fan.http(), campaign_id, 999), 409, {"too_many_bids"}));
    EXPECT_EQ(GetNumber(MyStanding(fan.http(), campaign_id).json, "price"), 200);
    EXPECT_EQ(GetArray(BidHistory(fan.http(), campaign_id).json, "bids").size(), 100u);
}

TEST_F(BiddingErrors, BadQueriesAre400) {
    const json::value campaign_id =
        Member(NewCampaign(NewProduct(1), 1, seconds{0}, kMinute), "campaign_id");
    HttpClient& admin = server().admin();
    const std::string ranking = "/api/v1/rankings/" + IdText(campaign_id);
    for (const char* query : {"?limit=0", "?limit=1001", "?limit=abc", "?limit=-1"}) {
        EXPECT_TRUE(IsProblem(admin.Get(ranking + query), 400, {"invalid_query"})) << query;
    }
    EXPECT_EQ(admin.Get(ranking + "?limit=1000").status, 200);
    Advance(kMinute);
    for (const char* query : {"?after=-1", "?after=x", "?limit=0", "?limit=1001"}) {
        EXPECT_TRUE(IsProblem(admin.Get(ranking + "/final" + query), 400, {"invalid_query"}))
            << query;
    }
}

TEST_F(BiddingErrors, MemberWeightsAreAnAdminsAndStayInRange) {
    TestUser fan = server().NewUser("fan");
    HttpClient& admin = server().admin();
    for (const double weight : {0.49, 5.01, -1.0, 0.0}) {
        EXPECT_TRUE(IsProblem(SetWeight(admin, fan.user_id, weight), 400, {"invalid_field"}));
    }
    const std::string path = "/api/v1/admin/users/" + IdText(fan.user_id);
    EXPECT_TRUE(
        IsProblem(admin.RequestRaw("PATCH", path, R"({"weight":1e999})"), 400, {"invalid_field"}));
    EXPECT_TRUE(
        IsProblem(admin.RequestRaw("PATCH", path, R"({"weight":"2"})"), 400, {"invalid_field"}));
    EXPECT_TRUE(IsProblem(admin.RequestRaw("PATCH", path, "{}"), 400, {"invalid_field"}));
    EXPECT_TRUE(IsProblem(SetWeight(fan.http(), fan.user_id, 5), 403));
    EXPECT_EQ(GetNumber(fan.http().Get("/api/v1/auth/me").json, "weight"), 1);

    const Response set = SetWeight(admin, fan.user_id, 4.5);
    ASSERT_EQ(set.status, 200) << set;
    EXPECT_EQ(GetNumber(set.json, "weight"), 4.5);
    EXPECT_EQ(GetNumber(fan.http().Get("/api/v1/auth/me").json, "weight"), 4.5);
    const json::value campaign_id =
        Member(NewCampaign(NewProduct(1), 1, seconds{0}, kMinute), "campaign_id");
    const Response bid = PlaceBid(fan.http(), campaign_id, 100);
    EXPECT_EQ(GetNumber(bid.json, "member_weight"), 4.5) << bid;
    // A later change is for later bids; the standing one keeps its weight.
    ASSERT_EQ(SetWeight(admin, fan.user_id, 0.5).status, 200);
    EXPECT_EQ(GetNumber(MyStanding(fan.http(), campaign_id).json, "score"),
              GetNumber(bid.json, "score"));
    EXPECT_EQ(GetNumber(PlaceBid(fan.http(), campaign_id, 100).json, "member_weight"), 0.5);
    // Kept across a restart.
    server().Stop();
    ASSERT_TRUE(server().Restart()) << server().error();
    auto after = server().NewClient();
    after->set_token(fan.http().token());
    EXPECT_EQ(GetNumber(after->Get("/api/v1/auth/me").json, "weight"), 0.5);
}

}  // namespace
}  // namespace tix::test
