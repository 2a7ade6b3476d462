#include "summary.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

SummaryRow Row(std::string system, std::string scenario, std::string mode,
               std::uint32_t connections, double requests_per_s, double holds_per_s) {
    SummaryRow row;
    row.system = std::move(system);
    row.scenario = std::move(scenario);
    row.mode = std::move(mode);
    row.connections = connections;
    row.requests_per_s = requests_per_s;
    row.holds_per_s = holds_per_s;
    return row;
}

std::optional<double> Find(const std::vector<Ratio>& ratios, const std::string& what) {
    for (const Ratio& ratio : ratios) {
        if (ratio.what == what) return ratio.value;
    }
    ADD_FAILURE() << "no ratio " << what;
    return std::nullopt;
}

TEST(Summary, TixdIsComparedWithEachAlternativeOnTheSameScenarioModeAndConnections) {
    std::vector<SummaryRow> rows = {
        Row("tixd", "dome", "closed", 1000, 30000, 12000),
        Row("redis-lua-fsync", "dome", "closed", 1000, 8000, 4000),
        Row("postgres-update", "dome", "closed", 1000, 3000, 1500),
        Row("redis-lua-fsync", "dome", "closed", 50, 9000, 5000),     // other concurrency
        Row("redis-lua-fsync", "churn", "closed", 1000, 9000, 5000),  // other scenario
    };
    rows[0].sold_out_after_s = 2.0;
    rows[1].sold_out_after_s = 5.0;
    const std::vector<Ratio> ratios = ComputeRatios(rows);
    const std::string at = " at 1000 connections";
    EXPECT_DOUBLE_EQ(*Find(ratios, "dome closed: tixd holds/s ÷ redis-lua-fsync holds/s" + at),
                     3.0);
    EXPECT_DOUBLE_EQ(
        *Find(ratios, "dome closed: tixd requests/s ÷ redis-lua-fsync requests/s" + at), 3.75);
    EXPECT_DOUBLE_EQ(*Find(ratios, "dome closed: redis-lua-fsync time to sell out ÷ tixd's" + at),
                     2.5);
    EXPECT_DOUBLE_EQ(*Find(ratios, "dome closed: tixd holds/s ÷ postgres-update holds/s" + at),
                     8.0);
    EXPECT_EQ(ratios.size(), 5u);
}

TEST(Summary, TixdIsComparedWithItsCeilingAtTheSameConnections) {
    std::vector<SummaryRow> rows = {
        Row("tixd", "ceiling", "closed", 1000, 50000, 0),
        Row("tixd", "ceiling", "closed", 100, 60000, 0),
        Row("tixd", "churn", "closed", 100, 20000, 6000),
        Row("tixd", "hot-row", "closed", 1000, 10000, 250),
    };
    rows[2].writes_per_s = 12000;
    const std::vector<Ratio> ratios = ComputeRatios(rows);
    const std::string at = " ÷ tixd ceiling requests/s at 100 connections";
    EXPECT_DOUBLE_EQ(*Find(ratios, "churn closed: tixd holds/s" + at), 0.1);
    EXPECT_DOUBLE_EQ(*Find(ratios, "churn closed: tixd durable changes/s" + at), 0.2);
    EXPECT_DOUBLE_EQ(*Find(ratios, "churn closed: tixd requests/s" + at), 20000.0 / 60000);
    EXPECT_DOUBLE_EQ(
        *Find(ratios, "hot-row closed: tixd holds/s ÷ tixd ceiling requests/s at 1000 connections"),
        0.005);
    EXPECT_EQ(ratios.size(), 6u);
}

TEST(Summary, TheWaitingRoomsJoinsAndPollsAreComparedWithTheCeiling) {
    std::vector<SummaryRow> rows = {
        Row("tixd", "ceiling", "closed", 100, 60000, 0),
        Row("tixd", "queue-load", "closed", 100, 0, 0),
        Row("tixd", "queue", "open", 100, 3000, 200),  // a simulation: no ratio
    };
    rows[1].joins_per_s = 6000;
    rows[1].polls_per_s = 30000;
    const std::vector<Ratio> ratios = ComputeRatios(rows);
    const std::string at = " ÷ tixd ceiling requests/s at 100 connections";
    EXPECT_DOUBLE_EQ(*Find(ratios, "queue-load closed: tixd joins/s" + at), 0.1);
    EXPECT_DOUBLE_EQ(*Find(ratios, "queue-load closed: tixd polls/s" + at), 0.5);
    EXPECT_EQ(ratios.size(), 2u);
    const std::string table = MarkdownTable(rows, ratios);
    EXPECT_NE(table.find("| tixd | closed | 100 | 6000 | 30000 | 0 | - |"), std::string::npos)
        << table;
}

TEST(Summary, APayRunsWebhooksAreComparedWithTheCeilingNotAsHolds) {
    const std::vector<SummaryRow> rows = {
        Row("tixd", "ceiling", "closed", 100, 60000, 0),
        Row("tixd", "pay", "closed", 100, 24000, 0),  // requests/s: its webhooks/s
    };
    const std::vector<Ratio> ratios = ComputeRatios(rows);
    ASSERT_EQ(ratios.size(), 1u);
    EXPECT_DOUBLE_EQ(
        *Find(ratios, "pay closed: tixd webhooks/s ÷ tixd ceiling requests/s at 100 connections"),
        0.4);
}

TEST(Summary, ACheckInRunsScansAreComparedWithTheCeilingNotAsHolds) {
    const std::vector<SummaryRow> rows = {
        Row("tixd", "ceiling", "closed", 100, 60000, 0),
        Row("tixd", "checkin", "closed", 100, 15000, 0),  // requests/s: its admissions/s
    };
    const std::vector<Ratio> ratios = ComputeRatios(rows);
    ASSERT_EQ(ratios.size(), 1u);
    EXPECT_DOUBLE_EQ(
        *Find(ratios, "checkin closed: tixd scans/s ÷ tixd ceiling requests/s at 100 connections"),
        0.25);
}

TEST(Summary, ZeroDenominatorGivesNoValue) {
    const std::vector<SummaryRow> rows = {Row("tixd", "churn", "open", 1000, 100, 50),
                                          Row("postgres-for-update", "churn", "open", 1000, 0, 0)};
    const std::vector<Ratio> ratios = ComputeRatios(rows);
    ASSERT_EQ(ratios.size(), 2u);
    EXPECT_FALSE(ratios[0].value.has_value());
    EXPECT_NE(MarkdownTable(rows, ratios).find("| n/a |"), std::string::npos);
}

TEST(Summary, AlternativesAreNeverTheNumerator) {
    const std::vector<SummaryRow> rows = {Row("redis-lua-nopersist", "dome", "closed", 1000, 1, 1),
                                          Row("postgres-update", "dome", "closed", 1000, 1, 1)};
    EXPECT_TRUE(ComputeRatios(rows).empty());
}

TEST(Summary, RowReadsRunStatsJson) {
    const boost::json::object run = {
        {"system", "tixd"},
        {"scenario", "dome"},
        {"mode", "closed"},
        {"connections", 1000},
        {"requests_per_s", 1.5},
        {"holds_per_s", 2.5},
        {"tickets_per_s", 9.0},
        {"errors", 3},
        {"seconds", 2.0},
        {"holds_ok", 10},
        {"confirms_ok", 4},
        {"cancels_ok", 2},
        {"sold_out_after_s", 1.25},
        {"hold_latency", {{"p50_ms", 1.0}, {"p99_ms", 5.0}, {"p999_ms", 9.0}}},
        {"verification", {{"passed", true}}}};
    const SummaryRow row = SummaryRow::FromJson(run, "dome.json");
    EXPECT_EQ(row.connections, 1000u);
    EXPECT_DOUBLE_EQ(row.holds_per_s, 2.5);
    EXPECT_DOUBLE_EQ(row.hold_p99_ms, 5.0);
    EXPECT_EQ(row.errors, 3u);
    EXPECT_EQ(row.verified, std::optional<bool>(true));
    EXPECT_DOUBLE_EQ(row.writes_per_s, 8.0);
    EXPECT_EQ(row.sold_out_after_s, std::optional<double>(1.25));
}

TEST(Summary, RowReadsQueueLoadJson) {
    const boost::json::object run = {{"system", "tixd"},       {"scenario", "queue-load"},
                                     {"connections", 1000},    {"joins_per_s", 7000.5},
                                     {"polls_per_s", 21000.0}, {"passed", false}};
    const SummaryRow row = SummaryRow::FromJson(run, "queue-load-1000.json");
    EXPECT_EQ(row.joins_per_s, std::optional<double>(7000.5));
    EXPECT_EQ(row.polls_per_s, std::optional<double>(21000.0));
    EXPECT_EQ(row.verified, std::optional<bool>(false));
}

TEST(Summary, RunWithoutHoldsShowsTheLatencyOfAllRequests) {
    const boost::json::object run = {{"system", "tixd"},
                                     {"scenario", "ceiling"},
                                     {"hold_latency", {{"count", 0}, {"p99_ms", 0.0}}},
                                     {"latency", {{"count", 10}, {"p99_ms", 4.0}}}};
    EXPECT_DOUBLE_EQ(SummaryRow::FromJson(run, "ceiling.json").hold_p99_ms, 4.0);
}

}  // namespace
}  // namespace tix::bench
