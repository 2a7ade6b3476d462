// /ws/{campaign_id} against a real tixd (issue 11): a bidder's socket opens with the ranking, gets
// `bid_accepted` for its own bids only, a `ranking_update` with the others' bids (every 2 s), and
// `campaign_ended` with its own result once the campaign is settled; a bad token is a 401 before
// the upgrade, an unknown campaign a 404.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>

#include "http/websocket_testing.h"
#include "support/bidding_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;
using http::test_support::TestWebSocket;
using std::chrono::seconds;

using LiveCampaign = BiddingTest;

std::string SocketPath(const json::value& campaign_id, const std::string& token) {
    return "/ws/" + IdText(campaign_id) + "?token=" + token;
}

// Frames are read until one of `event` satisfies `wanted` (each read has the socket's deadline,
// and a ranking comes every 2 s, so a missing frame fails rather than hangs); its data, or null
// after a test failure. Frames of other kinds are checked by `seen` on the way.
json::value NextData(TestWebSocket& socket, std::string_view event,
                     const std::function<bool(const json::value&)>& wanted = {},
                     const std::function<void(const json::value&)>& seen = {}) {
    for (int frames = 0; frames < 20; ++frames) {
        const std::optional<std::string> text = socket.Read();
        if (!text) {
            ADD_FAILURE() << "no " << event << " frame: " << socket.error().message();
            return nullptr;
        }
        const json::value frame = json::parse(*text);
        if (seen) seen(frame);
        if (GetString(frame, "event") != event) continue;
        const json::value data = Member(frame, "data");
        if (!wanted || wanted(data)) return data;
    }
    ADD_FAILURE() << "twenty frames and no " << event << " as wanted";
    return nullptr;
}

TEST_F(LiveCampaign, BiddersSeeTheirBidsTheRankingAndTheirOwnResult) {
    const json::value product = NewProduct(5);
    const json::value campaign = NewCampaign(product, 1, seconds{0}, seconds{600});
    ASSERT_FALSE(campaign.is_null());
    const json::value campaign_id = Member(campaign, "campaign_id");
    TestUser ann = server().NewUser("ann");
    TestUser bob = server().NewUser("bob");
    ASSERT_TRUE(ann.ok() && bob.ok());
    TestWebSocket ann_socket(server().port());
    TestWebSocket bob_socket(server().port());
    ASSERT_EQ(ann_socket.Handshake(SocketPath(campaign_id, ann.http().token())).result_int(), 101);
    ASSERT_EQ(bob_socket.Handshake(SocketPath(campaign_id, bob.http().token())).result_int(), 101);
    const json::value opening = NextData(ann_socket, "ranking_update");
    EXPECT_EQ(GetInt(opening, "total_participants"), 0);
    EXPECT_EQ(IdText(Member(opening, "campaign_id")), IdText(campaign_id));

    const Response ann_bid = PlaceBid(ann.http(), campaign_id, 200);
    ASSERT_EQ(ann_bid.status, 201) << ann_bid;
    const json::value accepted = NextData(ann_socket, "bid_accepted");
    EXPECT_EQ(IdText(Member(accepted, "bid_id")), IdText(Member(ann_bid.json, "bid_id")));
    EXPECT_EQ(GetInt(accepted, "rank"), 1);
    EXPECT_EQ(Member(accepted, "score"), Member(ann_bid.json, "score"));
    EXPECT_TRUE(GetTime(accepted, "timestamp").has_value());

    const Response bob_bid = PlaceBid(bob.http(), campaign_id, 300);
    ASSERT_EQ(bob_bid.status, 201) << bob_bid;
    const auto only_bobs = [&](const json::value& frame) {
        if (GetString(frame, "event") != "bid_accepted") return;
        EXPECT_EQ(IdText(Member(Member(frame, "data"), "bid_id")),
                  IdText(Member(bob_bid.json, "bid_id")))
            << "someone else's bid_accepted reached Bob";
    };
    NextData(bob_socket, "bid_accepted", {}, only_bobs);
    // Ann learns of Bob's bid at the next tick.
    const json::value ranking = NextData(ann_socket, "ranking_update", [](const json::value& d) {
        return GetInt(d, "total_participants") == 2;
    });
    ASSERT_FALSE(ranking.is_null());
    const json::array& top = GetArray(ranking, "top_k");
    ASSERT_EQ(top.size(), 1u) << "K = 1";
    EXPECT_EQ(GetString(top[0], "username"), "bob");
    EXPECT_EQ(Member(ranking, "max_score"), Member(bob_bid.json, "score"));

    Advance(seconds{601});  // past the end: the engine settles, the next tick tells the watchers
    const json::value bob_end = NextData(bob_socket, "campaign_ended", {}, only_bobs);
    EXPECT_EQ(Member(bob_end, "is_winner"), json::value(true));
    EXPECT_EQ(GetInt(bob_end, "final_rank"), 1);
    EXPECT_EQ(Member(bob_end, "final_price"), json::value(300));
    EXPECT_EQ(Member(bob_end, "final_score"), Member(bob_bid.json, "score"));
    const json::value ann_end = NextData(ann_socket, "campaign_ended");
    EXPECT_EQ(Member(ann_end, "is_winner"), json::value(false));
    EXPECT_EQ(GetInt(ann_end, "final_rank"), 2);
}

TEST_F(LiveCampaign, ABadTokenIs401AndAnUnknownCampaign404BeforeTheUpgrade) {
    const json::value campaign = NewCampaign(NewProduct(5), 1, seconds{0}, seconds{600});
    ASSERT_FALSE(campaign.is_null());
    const json::value campaign_id = Member(campaign, "campaign_id");
    TestWebSocket forged(server().port());
    const auto refused = forged.Handshake(SocketPath(campaign_id, "forged"));
    EXPECT_EQ(refused.result_int(), 401);
    EXPECT_NE(refused.body().find("unauthorized"), std::string::npos) << refused.body();
    TestWebSocket anonymous(server().port());
    EXPECT_EQ(anonymous.Handshake("/ws/" + IdText(campaign_id)).result_int(), 401);

    TestUser user = server().NewUser();
    ASSERT_TRUE(user.ok());
    TestWebSocket unknown(server().port());
    const auto missing = unknown.Handshake(SocketPath(json::value(999), user.http().token()));
    EXPECT_EQ(missing.result_int(), 404);
    EXPECT_NE(missing.body().find("unknown_campaign"), std::string::npos) << missing.body();
}

TEST_F(LiveCampaign, APingIsAnsweredWithAPong) {
    const json::value campaign = NewCampaign(NewProduct(5), 1, seconds{0}, seconds{600});
    ASSERT_FALSE(campaign.is_null());
    TestUser user = server().NewUser();
    ASSERT_TRUE(user.ok());
    TestWebSocket socket(server().port());
    ASSERT_EQ(socket.Handshake(SocketPath(Member(campaign, "campaign_id"), user.http().token()))
                  .result_int(),
              101);
    ASSERT_TRUE(socket.Write(R"({"event":"ping"})"));
    EXPECT_FALSE(NextData(socket, "pong").is_null());
}

}  // namespace
}  // namespace tix::test
