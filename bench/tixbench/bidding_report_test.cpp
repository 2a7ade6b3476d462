#include "bidding_report.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace tix::bench {
namespace {

// A run where everything went as the contract says: 3 winners of 4 participants.
BiddingReport GoodRun() {
    BiddingReport report;
    report.bidders = 4;
    report.sockets_opened = 4;
    report.bids.succeeded = 40;
    report.bids.requests = 42;
    report.bid_accepted_frames = 40;
    report.ended = 4;
    report.status = "settled";
    report.winners_expected = WinnersExpected(5, 3, 4);
    report.order_users = {11, 12, 13};
    report.ranking_users = {12, 11, 13, 14};
    report.ranking_source = "GET /rankings/{id}/final";
    report.told_winners = {13, 12, 11};
    return report;
}

Check::Verdict VerdictOf(const Verification& verification, const std::string& name) {
    for (const Check& check : verification.checks) {
        if (check.name == name) return check.verdict;
    }
    ADD_FAILURE() << "no check " << name;
    return Check::Verdict::kSkip;
}

TEST(BiddingReport, WinnersAreTheLeastOfQuotaStockAndParticipants) {
    EXPECT_EQ(WinnersExpected(100, 80, 1'000), 80u);
    EXPECT_EQ(WinnersExpected(100, 800, 1'000), 100u);
    EXPECT_EQ(WinnersExpected(100, 80, 7), 7u);
}

TEST(BiddingReport, AGoodRunPassesEveryCheck) {
    Verification verification;
    AddBiddingChecks(GoodRun(), verification);
    EXPECT_TRUE(verification.passed());
    for (const Check& check : verification.checks) {
        EXPECT_EQ(check.verdict, Check::Verdict::kPass) << check.name << ": " << check.detail;
    }
}

TEST(BiddingReport, AMissingBidAcceptedFrameFails) {
    BiddingReport report = GoodRun();
    report.bid_accepted_frames = 39;
    Verification verification;
    AddBiddingChecks(report, verification);
    EXPECT_EQ(VerdictOf(verification, "a bid_accepted frame for every accepted bid"),
              Check::Verdict::kFail);
    // A bid with no answer may have been taken: one frame more is then allowed.
    report.bid_accepted_frames = 41;
    report.unanswered = 1;
    Verification again;
    AddBiddingChecks(report, again);
    EXPECT_TRUE(again.passed());
}

TEST(BiddingReport, AWinnerOutsideTheTopFails) {
    BiddingReport report = GoodRun();
    report.order_users = {11, 12, 14};
    report.told_winners = {11, 12, 14};
    Verification verification;
    AddBiddingChecks(report, verification);
    EXPECT_EQ(VerdictOf(verification, "the winners are the top of the final ranking"),
              Check::Verdict::kFail);
    EXPECT_EQ(VerdictOf(verification, "exactly the winners' sockets told is_winner"),
              Check::Verdict::kPass);
}

TEST(BiddingReport, SocketsThatMissedTheEndOrTheOrdersCountFail) {
    BiddingReport report = GoodRun();
    report.ended = 3;
    report.order_users = {11, 12};
    report.told_winners = {11, 12};
    Verification verification;
    AddBiddingChecks(report, verification);
    EXPECT_EQ(VerdictOf(verification, "campaign_ended reached every socket"),
              Check::Verdict::kFail);
    EXPECT_EQ(VerdictOf(verification, "orders == min(K, stock, participants)"),
              Check::Verdict::kFail);
}

TEST(BiddingReport, AShortRankingSkipsTheWinnersCheck) {
    BiddingReport report = GoodRun();
    report.ranking_users = {12, 11};
    Verification verification;
    AddBiddingChecks(report, verification);
    EXPECT_EQ(VerdictOf(verification, "the winners are the top of the final ranking"),
              Check::Verdict::kSkip);
}

TEST(BiddingReport, RankingsAndOrdersAreReadInRankOrder) {
    const auto ranking = boost::json::parse(
        R"({"top_k":[{"rank":2,"user_id":8},{"rank":1,"user_id":5}],"total_participants":2})");
    EXPECT_EQ(ReadRankedUsers(ranking), (std::vector<std::int64_t>{5, 8}));
    EXPECT_EQ(ReadRankedUsers(boost::json::parse(R"([{"user_id":3},{"user_id":1}])")),
              (std::vector<std::int64_t>{3, 1}));
    const auto orders =
        boost::json::parse(R"({"orders":[{"order_id":9,"user_id":8,"final_rank":2},)"
                           R"({"order_id":10,"user_id":5,"final_rank":1}]})");
    EXPECT_EQ(ReadOrderUsers(orders), (std::vector<std::int64_t>{5, 8}));
    EXPECT_TRUE(ReadOrderUsers(boost::json::parse(R"({"other":1})")).empty());
}

TEST(BiddingReport, MemoryPerSocketIsTheGrowthOverTheSockets) {
    BiddingReport report = GoodRun();
    EXPECT_FALSE(report.rss_bytes_per_socket());
    report.rss_before_bytes = 1'000'000;
    report.rss_after_bytes = 1'040'000;
    EXPECT_DOUBLE_EQ(report.rss_bytes_per_socket().value(), 10'000);
}

}  // namespace
}  // namespace tix::bench
