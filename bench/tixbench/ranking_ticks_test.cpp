#include "ranking_ticks.h"

#include <gtest/gtest.h>

#include "push_frame.h"

namespace tix::bench {
namespace {

TEST(RankingTicks, SpreadIsFirstToLastSocketPerTick) {
    RankingTicks ticks;
    ticks.Record("t1", 1'000, 1'002.0);
    ticks.Record("t1", 1'000, 1'010.0);
    ticks.Record("t1", 1'000, 1'001.0);
    ticks.Record("t2", 3'000, 3'004.0);  // one socket of three: skipped or lost elsewhere
    const TickFigures figures = ticks.Summarize(3);
    EXPECT_EQ(figures.ticks, 2u);
    EXPECT_EQ(figures.complete_ticks, 1u);
    EXPECT_EQ(figures.frames, 4u);
    EXPECT_TRUE(figures.server_ms);
    EXPECT_NEAR(static_cast<double>(figures.spread.max()), 9'000, 300);  // µs, t1
    EXPECT_NEAR(static_cast<double>(figures.server_to_last.max()), 10'000, 300);
}

TEST(RankingTicks, WithoutServerMillisecondsOnlyTheSpreadIsKept) {
    RankingTicks ticks;
    ticks.Record("2026-12-05T10:30:00Z", std::nullopt, 5.0);
    const TickFigures figures = ticks.Summarize(1);
    EXPECT_FALSE(figures.server_ms);
    EXPECT_FALSE(figures.ToJson().contains("server_to_last_socket"));
    EXPECT_EQ(figures.complete_ticks, 1u);
}

TEST(PushFrame, RankingUpdatePrefersTheMillisecondTimestamp) {
    const PushFrame frame = ReadPushFrame(
        R"({"event":"ranking_update","data":{"campaign_id":1,"top_k":[{"rank":1,"user_id":3}],)"
        R"("timestamp":"2026-12-05T10:30:00Z","timestamp_ms":1796466600500}})");
    EXPECT_EQ(frame.event, PushEvent::kRankingUpdate);
    EXPECT_EQ(frame.tick, "1796466600500");
    EXPECT_EQ(frame.server_ms, 1796466600500);
}

TEST(PushFrame, RankingUpdateAcceptsRfc3339OrUnixMilliseconds) {
    const PushFrame text = ReadPushFrame(
        R"({"event":"ranking_update","data":{"timestamp":"1970-01-01T00:00:01.250Z"}})");
    EXPECT_EQ(text.tick, "1970-01-01T00:00:01.250Z");
    EXPECT_EQ(text.server_ms, 1'250);
    const PushFrame number =
        ReadPushFrame(R"({"event":"ranking_update","data":{"timestamp":1250}})");
    EXPECT_EQ(number.tick, "1250");
    EXPECT_EQ(number.server_ms, 1'250);
}

TEST(PushFrame, CampaignEndedCarriesTheOutcome) {
    const PushFrame frame = ReadPushFrame(
        R"({"event":"campaign_ended","data":{"campaign_id":1,"is_winner":true,"final_rank":3,)"
        R"("final_score":301.5,"final_price":150.0}})");
    EXPECT_EQ(frame.event, PushEvent::kCampaignEnded);
    EXPECT_TRUE(frame.is_winner);
    EXPECT_EQ(frame.final_rank, 3u);
}

TEST(PushFrame, OtherEventsAreKnownByName) {
    EXPECT_EQ(ReadPushFrame(R"({"event":"bid_accepted","data":{"bid_id":4}})").event,
              PushEvent::kBidAccepted);
    EXPECT_EQ(ReadPushFrame(R"({"event":"pong","data":{}})").event, PushEvent::kPong);
    EXPECT_EQ(ReadPushFrame(R"({"event":"availability"})").event, PushEvent::kOther);
    EXPECT_EQ(ReadPushFrame("not json").event, PushEvent::kOther);
}

}  // namespace
}  // namespace tix::bench
