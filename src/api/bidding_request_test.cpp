#include "api/bidding_request.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace tix::api {
namespace {

namespace json = boost::json;

constexpr TimePoint kNow = FromUnixMillis(1'796'467'800'000);  // 2026-12-05T10:50:00Z

json::object ValidProduct() {
    return json::parse(R"({"name": "Limited sneaker", "description": "Size 42",
        "image_url": "https://example.com/s.png", "stock": 10, "min_price": 99.5})")
        .as_object();
}

json::object ValidCampaign() {
    return json::parse(R"({"product_id": 1, "start_time": "2026-12-05T11:00:00Z",
        "end_time": "2026-12-05T12:00:00Z", "alpha": 2, "beta": 500.5, "gamma": 0,
        "quota": 3})")
        .as_object();
}

// The field the reader blames after `mutate`, or "" when the body is accepted.
template <typename Read>
std::string Blamed(json::object body, void (*mutate)(json::object&), Read read) {
    mutate(body);
    http::JsonObjectReader reader(body);
    const bool read_ok = read(reader).has_value();
    EXPECT_EQ(read_ok, reader.ok());
    return reader.ok() ? "" : reader.error_field();
}

std::string BlamedProduct(void (*mutate)(json::object&)) {
    return Blamed(ValidProduct(), mutate, [](auto& r) { return ReadProduct(r); });
}
std::string BlamedCampaign(void (*mutate)(json::object&)) {
    return Blamed(ValidCampaign(), mutate, [](auto& r) { return ReadCampaign(r, kNow); });
}

TEST(ReadProduct, ReadsEveryFieldWithTheDefaultCurrency) {
    http::JsonObjectReader reader(ValidProduct());
    const auto product = ReadProduct(reader);
    ASSERT_TRUE(product.has_value()) << reader.error_field() << ": " << reader.error_detail();
    EXPECT_EQ(product->name, "Limited sneaker");
    EXPECT_EQ(product->description, "Size 42");
    EXPECT_EQ(product->image_url, "https://example.com/s.png");
    EXPECT_EQ(product->initial_stock, 10u);
    EXPECT_EQ(product->min_price_minor, 9'950);
    EXPECT_EQ(product->currency, "TWD");
}

TEST(ReadProduct, RefusesEachBadField) {
    EXPECT_EQ(BlamedProduct([](json::object& p) { p.erase("name"); }), "name");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p.erase("stock"); }), "stock");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["stock"] = -1; }), "stock");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["stock"] = 1'000'001; }), "stock");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["stock"] = 1'000'000; }), "");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["stock"] = 0; }), "");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["stock"] = 1.5; }), "stock");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p.erase("min_price"); }), "min_price");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["min_price"] = -1; }), "min_price");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["min_price"] = 1.234; }), "min_price");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["min_price"] = "10"; }), "min_price");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["image_url"] = "javascript:x"; }), "image_url");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["currency"] = "usd"; }), "currency");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["currency"] = "USD"; }), "");
    EXPECT_EQ(BlamedProduct([](json::object& p) { p["price"] = 1; }), "price");
}

TEST(ReadCampaign, ReadsEveryField) {
    http::JsonObjectReader reader(ValidCampaign());
    const auto campaign = ReadCampaign(reader, kNow);
    ASSERT_TRUE(campaign.has_value()) << reader.error_field() << ": " << reader.error_detail();
    EXPECT_EQ(campaign->product_id, engine::ProductId{1});
    EXPECT_EQ(campaign->start_time, kNow + std::chrono::minutes{10});
    EXPECT_EQ(campaign->end_time, kNow + std::chrono::minutes{70});
    EXPECT_EQ(campaign->weights, (engine::ScoreWeights{2, 500.5, 0}));
    EXPECT_EQ(campaign->quota, 3u);
}

TEST(ReadCampaign, WeightsDefaultToTheIssues) {
    json::object body = ValidCampaign();
    body.erase("alpha");
    body.erase("beta");
    body.erase("gamma");
    http::JsonObjectReader reader(body);
    EXPECT_EQ(ReadCampaign(reader, kNow)->weights, (engine::ScoreWeights{1, 1000, 100}));
}

TEST(ReadCampaign, RefusesEachBadField) {
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c.erase("product_id"); }), "product_id");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["product_id"] = 0; }), "product_id");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["product_id"] = "1"; }), "product_id");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c.erase("start_time"); }), "start_time");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["start_time"] = "tomorrow"; }), "start_time");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["end_time"] = c["start_time"]; }), "end_time");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["end_time"] = "2026-12-05T10:59:59Z"; }),
              "end_time");
    // Started already is fine; ended already is not.
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["start_time"] = "2026-12-05T10:00:00Z"; }),
              "");
    EXPECT_EQ(BlamedCampaign([](json::object& c) {
                  c["start_time"] = "2026-12-05T10:00:00Z";
                  c["end_time"] = "2026-12-05T10:50:00Z";
              }),
              "end_time");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c.erase("quota"); }), "quota");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["quota"] = 0; }), "quota");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["quota"] = 100'001; }), "quota");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["quota"] = 100'000; }), "");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["alpha"] = -1; }), "alpha");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["beta"] = "1000"; }), "beta");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["gamma"] = 1e10; }), "gamma");
    EXPECT_EQ(BlamedCampaign([](json::object& c) { c["K"] = 3; }), "K");
}

TEST(ReadBid, ReadsCampaignAndPriceInMinorUnits) {
    http::JsonObjectReader reader(
        json::parse(R"({"campaign_id": 7, "price": 120.25})").as_object());
    const auto bid = ReadBid(reader);
    ASSERT_TRUE(bid.has_value());
    EXPECT_EQ(bid->campaign_id, engine::CampaignId{7});
    EXPECT_EQ(bid->price_minor, 12'025);
    for (const char* bad :
         {R"({"price": 1})", R"({"campaign_id": 1})", R"({"campaign_id": -1, "price": 1})",
          R"({"campaign_id": 1, "price": -5})", R"({"campaign_id": 1, "price": 1.001})",
          R"({"campaign_id": 1, "price": 1, "user_id": 2})"}) {
        http::JsonObjectReader refused(json::parse(bad).as_object());
        EXPECT_FALSE(ReadBid(refused).has_value()) << bad;
        EXPECT_FALSE(refused.ok()) << bad;
    }
}

}  // namespace
}  // namespace tix::api
