#include "api/bidding_views.h"

#include <gtest/gtest.h>

#include <charconv>

#include "api/views.h"
#include "engine/engine.h"
#include "engine/sha256.h"

namespace tix::api {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;

constexpr TimePoint kStart = FromUnixMillis(1'796'467'800'000);

std::string NameOf(UserId user_id) { return "user-" + std::to_string(user_id.value()); }

// An engine with one product (stock 2) and one campaign (K = 3) that three users bid in.
class BiddingViews : public ::testing::Test {
  protected:
    void SetUp() override {
        engine::Product product;
        product.name = "Sneaker";
        product.initial_stock = 2;
        product.min_price_minor = 1'000;
        product.currency = "TWD";
        engine_.AddProduct(product, kStart);
        engine::Campaign campaign;
        campaign.product_id = engine::ProductId{1};
        campaign.start_time = kStart;
        campaign.end_time = kStart + std::chrono::hours{1};
        campaign.quota = 3;
        ASSERT_EQ(engine_.AddCampaign(campaign, kStart, campaign_id_),
                  engine::CampaignSetupOutcome::kOk);
        Bid(UserId{7}, 12'050, 1.5, milliseconds{9});
        Bid(UserId{8}, 20'000, 0.5, milliseconds{1'000});
        Bid(UserId{9}, 1'000, 0.5, milliseconds{1'999});
    }
    void Bid(UserId user, std::int64_t price_minor, double weight, milliseconds at) {
        const auto result =
            engine_.PlaceBid({campaign_id_, user, price_minor, weight}, kStart + at);
        ASSERT_EQ(result.outcome, engine::BidOutcome::kOk);
    }
    engine::RankingView View(std::uint32_t limit) {
        return engine_.Bidding().Ranking(campaign_id_, limit, kStart + milliseconds{2'000});
    }

    engine::Engine engine_;
    engine::CampaignId campaign_id_;
};

TEST_F(BiddingViews, ARankingShowsTheFirstKRanksWithNamesAndTheFigures) {
    const json::object ranking = RankingJson(View(100), 100, NameOf);
    EXPECT_EQ(ranking.at("status").as_string(), "active");
    EXPECT_EQ(ranking.at("total_participants").to_number<int>(), 3);
    const json::array& top = ranking.at("top_k").as_array();
    ASSERT_EQ(top.size(), 3u);
    // 120.5 + 1000/10 + 150 beats 200 + 1000/1001 + 50 beats 10 + 1000/2000 + 50.
    EXPECT_EQ(top[0].at("user_id").to_number<int>(), 7);
    EXPECT_EQ(top[0].at("username").as_string(), "user-7");
    EXPECT_DOUBLE_EQ(top[0].at("price").as_double(), 120.5);
    EXPECT_EQ(top[0].at("price_minor").to_number<int>(), 12'050);
    EXPECT_DOUBLE_EQ(top[0].at("score").as_double(), 120.5 + 100 + 150);
    EXPECT_EQ(top[1].at("user_id").to_number<int>(), 8);
    EXPECT_EQ(top[1].at("price").to_number<int>(), 200);
    EXPECT_DOUBLE_EQ(top[1].at("score").as_double(), 200 + 1000.0 / 1001 + 50);
    EXPECT_EQ(top[2].at("rank").to_number<int>(), 3);
    // Stock 2 of K 3: two win.
    EXPECT_TRUE(top[1].at("is_winning").as_bool());
    EXPECT_FALSE(top[2].at("is_winning").as_bool());
    EXPECT_DOUBLE_EQ(ranking.at("min_winning_score").as_double(), 200 + 1000.0 / 1001 + 50);
    EXPECT_DOUBLE_EQ(ranking.at("max_score").as_double(), top[0].at("score").as_double());
    EXPECT_EQ(RankingJson(View(100), 1, NameOf).at("top_k").as_array().size(), 1u);
}

TEST_F(BiddingViews, TopKStopsAtTheQuotaWhateverTheLimit) {
    Bid(UserId{10}, 1'000, 1.0, milliseconds{1'500});
    EXPECT_EQ(RankingJson(View(1'000), 1'000, NameOf).at("top_k").as_array().size(), 3u);
}

TEST_F(BiddingViews, AnEmptyCampaignHasNullScores) {
    engine::Campaign campaign;
    campaign.product_id = engine::ProductId{1};
    campaign.start_time = kStart;
    campaign.end_time = kStart + std::chrono::hours{1};
    engine::CampaignId id;
    ASSERT_EQ(engine_.AddCampaign(campaign, kStart, id), engine::CampaignSetupOutcome::kOk);
    const json::object view = CampaignJson(engine_.Bidding().Ranking(id, 0, kStart));
    EXPECT_TRUE(view.at("max_score").is_null());
    EXPECT_TRUE(view.at("min_winning_score").is_null());
    EXPECT_TRUE(view.at("final_sha256").is_null());
    EXPECT_EQ(view.at("participants").to_number<int>(), 0);
}

// Anyone can check the winners: the JSON carries every field of the hashed lines and the lines
// themselves; the lines rebuilt from the fields (doubles printed by std::to_chars) are those, and
// they hash to the published sha256.
TEST_F(BiddingViews, TheFinalRankingsLinesRebuiltFromItsJsonHashToItsSha256) {
    std::vector<OrderId> expired;
    engine_.ExpireDue(kStart + std::chrono::hours{1}, expired);
    const engine::FinalRanking final = engine_.Bidding().Final(campaign_id_);
    const json::object rendered = FinalRankingJson(final, 0, 1'000, NameOf);
    EXPECT_EQ(rendered.at("winners").to_number<int>(), 2);
    EXPECT_EQ(rendered.at("status").as_string(), "settled");
    EXPECT_TRUE(rendered.at("next_after").is_null());
    std::string text;
    std::string lines;
    const auto number = [&text](auto value) {
        char digits[32];
        text.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
    };
    for (const json::value& rank : rendered.at("ranking").as_array()) {
        for (const char* field : {"rank", "user_id", "bid_id", "price_minor", "time_elapsed_ms"}) {
            number(rank.at(field).to_number<std::int64_t>());
            text += ' ';
        }
        number(rank.at("member_weight").to_number<double>());
        text += ' ';
        number(rank.at("score").to_number<double>());
        text += '\n';
        lines += rank.at("line").as_string();
        lines += '\n';
    }
    EXPECT_EQ(text, engine::FinalRankingText(final.ranking));
    EXPECT_EQ(lines, text);
    const engine::Sha256Digest digest = engine::Sha256(text, "");
    EXPECT_EQ(rendered.at("sha256").as_string(), engine::ToHex(digest));

    const json::object page = FinalRankingJson(final, 1, 1, NameOf);
    ASSERT_EQ(page.at("ranking").as_array().size(), 1u);
    EXPECT_EQ(page.at("ranking").as_array()[0].at("rank").to_number<int>(), 2);
    EXPECT_EQ(page.at("next_after").to_number<int>(), 2);
    EXPECT_TRUE(FinalRankingJson(final, 9, 1, NameOf).at("ranking").as_array().empty());
}

TEST_F(BiddingViews, CampaignOrdersMergeWithTicketOrdersNewestFirst) {
    std::vector<OrderId> expired;
    engine_.ExpireDue(kStart + std::chrono::hours{1}, expired);
    engine::OrderListReply reply;
    for (const engine::CampaignOrder& order : engine_.Bidding().OrdersOfCampaign(campaign_id_)) {
        reply.campaign_orders.insert(reply.campaign_orders.begin(), order);
    }
    const json::array orders = OrderListJson(reply);
    ASSERT_EQ(orders.size(), 2u);
    EXPECT_EQ(orders[0].at("kind").as_string(), "campaign");
    EXPECT_GT(orders[0].at("order_id").to_number<int>(), orders[1].at("order_id").to_number<int>());
    const json::value& first = orders[1];
    EXPECT_EQ(first.at("final_rank").to_number<int>(), 1);
    EXPECT_EQ(first.at("user_id").to_number<int>(), 7);
    EXPECT_DOUBLE_EQ(first.at("final_price").as_double(), 120.5);
    EXPECT_EQ(first.at("final_price_minor").to_number<int>(), 12'050);
    EXPECT_EQ(first.at("status").as_string(), "awaiting_payment");
    EXPECT_EQ(first.at("currency").as_string(), "TWD");
}

}  // namespace
}  // namespace tix::api
