#include "tixscan/upload_batches.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "tixscan/tixscan_testing.h"

namespace tix::tixscan {
namespace {

using std::chrono::seconds;
using testing::kScanTime;

ScanRecord Record(int n, std::string gate, ScanResult result = ScanResult::kAdmitted) {
    return {.payload = "payload-" + std::to_string(n) + std::string(120, 'x'),
            .ticket_id = testing::TicketIdOf(static_cast<std::uint8_t>(n)),
            .scanned_at = kScanTime + seconds{n},
            .gate = std::move(gate),
            .result = result};
}

// The payloads of a batch's scans, in order, after checking the body's shape.
std::vector<std::string> PayloadsOf(const UploadBatch& batch) {
    const boost::json::value body = boost::json::parse(batch.body);
    EXPECT_EQ(body.at("gate").as_string(), batch.gate);
    std::vector<std::string> payloads;
    for (const boost::json::value& scan : body.at("scans").as_array()) {
        EXPECT_EQ(scan.as_object().size(), 2u);
        EXPECT_TRUE(scan.at("scanned_at").is_string());
        payloads.emplace_back(scan.at("payload").as_string());
    }
    EXPECT_EQ(payloads.size(), batch.scans);
    return payloads;
}

TEST(UploadBatches, SendsAdmissionsAndDuplicatesByGateInLogOrder) {
    const std::vector<ScanRecord> log = {
        Record(1, "north"),
        Record(2, "south"),
        Record(3, "north", ScanResult::kRevoked),
        Record(4, "north", ScanResult::kDuplicate),
        Record(5, "south", ScanResult::kCodeExpired),
        Record(6, "north"),
    };
    const std::vector<UploadBatch> batches = BuildUploadBatches(log);
    ASSERT_EQ(batches.size(), 2u);
    EXPECT_EQ(batches[0].gate, "north");
    EXPECT_EQ(PayloadsOf(batches[0]),
              (std::vector<std::string>{log[0].payload, log[3].payload, log[5].payload}));
    EXPECT_EQ(batches[1].gate, "south");
    EXPECT_EQ(PayloadsOf(batches[1]), std::vector<std::string>{log[1].payload});
    EXPECT_NE(batches[0].body.find("\"scanned_at\":\"" + FormatScanTime(log[0].scanned_at) + "\""),
              std::string::npos);
}

TEST(UploadBatches, NothingToSendIsNoBatch) {
    EXPECT_TRUE(BuildUploadBatches({}).empty());
    const std::vector<ScanRecord> refusals = {Record(1, "a", ScanResult::kRevoked)};
    EXPECT_TRUE(BuildUploadBatches(refusals).empty());
}

TEST(UploadBatches, ChunksStayWithinTheScanAndBodyLimits) {
    std::vector<ScanRecord> log;
    for (int n = 0; n < 2'500; ++n) log.push_back(Record(n, n % 5 == 0 ? "south" : "north"));
    const std::vector<UploadBatch> batches = BuildUploadBatches(log);
    std::size_t north = 0;
    std::size_t south = 0;
    for (const UploadBatch& batch : batches) {
        EXPECT_LE(batch.scans, kUploadScansMax);
        EXPECT_LE(batch.body.size(), kUploadBodyBytesMax);
        (batch.gate == "north" ? north : south) += PayloadsOf(batch).size();
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_EQ(north, 2'000u);
    EXPECT_EQ(south, 500u);
    // ~190 bytes a scan here: the body limit, not the count, is what splits these.
    EXPECT_GE(batches.size(), 2'500 * 190 / kUploadBodyBytesMax);
    EXPECT_LE(batches.size(), 2'500 * 190 / kUploadBodyBytesMax + 3);
}

TEST(UploadBatches, AtMostAThousandScansEvenWhenTheyAreSmall) {
    std::vector<ScanRecord> log;
    for (int n = 0; n < 2'001; ++n) {
        log.push_back(Record(n, "g"));
        log.back().payload = "p";
    }
    const std::vector<UploadBatch> batches = BuildUploadBatches(log);
    ASSERT_EQ(batches.size(), 3u);
    EXPECT_EQ(batches[0].scans, kUploadScansMax);
    EXPECT_EQ(batches[1].scans, kUploadScansMax);
    EXPECT_EQ(batches[2].scans, 1u);
}

TEST(UploadBatches, ParsesTheAnswerCounts) {
    const auto counts = ParseUploadAnswer(
        R"({"received": 5, "results": [{"result": "admitted"}], "admitted": 2,
            "double_entries": 1, "already_recorded": 1, "invalid": 0, "revoked": 1})");
    ASSERT_TRUE(counts.ok()) << counts.status().ToString();
    EXPECT_EQ(*counts, (UploadCounts{.received = 5,
                                     .admitted = 2,
                                     .double_entries = 1,
                                     .already_recorded = 1,
                                     .invalid = 0,
                                     .revoked = 1}))
        << "wrong_event may be absent";
    UploadCounts total = *counts;
    total += *counts;
    EXPECT_EQ(total.received, 10u);
    const auto with_wrong_event = ParseUploadAnswer(
        R"({"received": 1, "admitted": 0, "double_entries": 0, "already_recorded": 0,
            "invalid": 0, "revoked": 0, "wrong_event": 1})");
    ASSERT_TRUE(with_wrong_event.ok());
    EXPECT_EQ(with_wrong_event->wrong_event, 1u);
    EXPECT_FALSE(ParseUploadAnswer("[]").ok());
    EXPECT_FALSE(ParseUploadAnswer("{\"received\": 5}").ok());
    EXPECT_FALSE(ParseUploadAnswer(
                     R"({"received": -1, "admitted": 2, "double_entries": 1,
                         "already_recorded": 1, "invalid": 0, "revoked": 1})")
                     .ok());
}

}  // namespace
}  // namespace tix::tixscan
