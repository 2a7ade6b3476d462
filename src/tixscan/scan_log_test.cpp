#include "tixscan/scan_log.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "common/temp_dir.h"
#include "tixscan/tixscan_testing.h"

namespace tix::tixscan {
namespace {

using std::chrono::milliseconds;
using testing::kScanTime;
using testing::TicketIdOf;

ScanRecord Record(std::uint8_t ticket, ScanResult result = ScanResult::kAdmitted,
                  std::string gate = "north-3") {
    return {.payload = testing::PayloadOf({.ticket = ticket}),
            .ticket_id = TicketIdOf(ticket),
            .scanned_at = kScanTime + milliseconds{250},
            .gate = std::move(gate),
            .result = result};
}

std::string Contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void Append(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::app) << text;
}

TEST(ScanLog, ALineRoundTrips) {
    for (const ScanResult result : {ScanResult::kAdmitted, ScanResult::kDuplicate,
                                    ScanResult::kRevoked, ScanResult::kCodeExpired}) {
        const ScanRecord record = Record(1, result);
        const std::string line = ScanRecordLine(record);
        ASSERT_EQ(line.back(), '\n');
        EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line";
        const auto parsed = ParseScanRecordLine(std::string_view(line).substr(0, line.size() - 1));
        ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
        EXPECT_EQ(*parsed, record);
    }
    EXPECT_NE(ScanRecordLine(Record(1)).find("\"scanned_at\":\"2026-09-21T14:13:15.250Z\""),
              std::string::npos)
        << ScanRecordLine(Record(1));
}

TEST(ScanLog, TimesAlwaysCarryMilliseconds) {
    EXPECT_EQ(FormatScanTime(FromUnixMillis(0)), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(FormatScanTime(FromUnixMillis(1'250)), "1970-01-01T00:00:01.250Z");
}

TEST(ScanLog, GatesAreShortPrintableNames) {
    EXPECT_TRUE(IsValidGate("north-3"));
    EXPECT_TRUE(IsValidGate("Hall_B.2"));
    EXPECT_TRUE(IsValidGate(std::string(kGateLengthMax, 'g')));
    EXPECT_FALSE(IsValidGate(std::string(kGateLengthMax + 1, 'g')));
    EXPECT_FALSE(IsValidGate(""));
    EXPECT_FALSE(IsValidGate("north 3"));
    EXPECT_FALSE(IsValidGate("north\"3"));
    EXPECT_FALSE(IsValidGate("north\n"));
    EXPECT_FALSE(IsValidGate("north/3"));
    EXPECT_FALSE(IsValidGate("nord-\xc3\xa9"));
}

TEST(ScanLog, RecordsSurviveReopening) {
    TempDir dir;
    const std::string path = dir.File("scans.jsonl");
    {
        auto log = ScanLog::Open(path);
        ASSERT_TRUE(log.ok()) << log.status().ToString();
        EXPECT_TRUE(log->records().empty());
        ASSERT_TRUE(log->Append(Record(1)).ok());
        ASSERT_TRUE(log->Append(Record(2, ScanResult::kRevoked, "south")).ok());
        EXPECT_EQ(log->records().size(), 2u);
    }
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << "payloads are bearer tickets";
    std::vector<ScanRecord> records;
    {
        auto log = ScanLog::Open(path);
        ASSERT_TRUE(log.ok()) << log.status().ToString();
        EXPECT_FALSE(log->cut_torn_tail());
        records = log->records();
    }  // unlocked: ReadScanLog would wait for it (flock is per open file, even in one process)
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0], Record(1));
    EXPECT_EQ(records[1], Record(2, ScanResult::kRevoked, "south"));
    const auto read = ReadScanLog(path);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(*read, records);
}

TEST(ScanLog, ACorruptLineRefusesTheLog) {
    TempDir dir;
    const std::string path = dir.File("scans.jsonl");
    const std::vector<std::string> bad_lines = {
        "{not json}\n",
        "[]\n",
        "\n",
        "{\"payload\":\"p\"}\n",
        // A known line with its result misspelt, its ticket id cut, its time not RFC 3339.
        [] {
            std::string line = ScanRecordLine(Record(2));
            return line.replace(line.find("admitted"), 8, "admited");
        }(),
        [] {
            std::string line = ScanRecordLine(Record(2));
            return line.erase(line.find("\"ticket_id\":\"") + 13, 1);
        }(),
        [] {
            std::string line = ScanRecordLine(Record(2));
            return line.replace(line.find("2026-09-21T"), 11, "2026-13-21T");
        }(),
    };
    for (const std::string& bad : bad_lines) {
        std::filesystem::remove(path);
        Append(path, ScanRecordLine(Record(1)) + bad + ScanRecordLine(Record(3)));
        auto log = ScanLog::Open(path);
        ASSERT_FALSE(log.ok()) << bad;
        EXPECT_EQ(log.status().code(), Status::Code::kCorruption);
        EXPECT_NE(log.status().message().find(path + " line 2"), std::string::npos)
            << log.status().message();
        EXPECT_FALSE(ReadScanLog(path).ok());
    }
}

TEST(ScanLog, AnInterruptedLastLineIsCutOff) {
    TempDir dir;
    const std::string path = dir.File("scans.jsonl");
    const std::string first = ScanRecordLine(Record(1));
    const std::string second = ScanRecordLine(Record(2));
    // Every prefix of an append a power cut may leave, the whole line but its '\n' included.
    for (std::size_t cut = 1; cut < second.size(); cut += 11) {
        std::filesystem::remove(path);
        Append(path, first + second.substr(0, cut));
        // upload reads around it and leaves it be...
        const auto read = ReadScanLog(path);
        ASSERT_TRUE(read.ok()) << read.status().ToString();
        EXPECT_EQ(read->size(), 1u);
        EXPECT_EQ(Contents(path).size(), first.size() + cut);
        // ...verify cuts it off, and appends after the last whole line.
        auto log = ScanLog::Open(path);
        ASSERT_TRUE(log.ok()) << log.status().ToString();
        EXPECT_TRUE(log->cut_torn_tail());
        EXPECT_EQ(log->records().size(), 1u);
        ASSERT_TRUE(log->Append(Record(3)).ok());
        EXPECT_EQ(Contents(path), first + ScanRecordLine(Record(3)));
    }
}

TEST(ScanLog, ATornFirstLineLeavesAnEmptyLog) {
    TempDir dir;
    const std::string path = dir.File("scans.jsonl");
    Append(path, std::string("{\"payload\":\"AQ\0\0", 16));
    auto log = ScanLog::Open(path);
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    EXPECT_TRUE(log->cut_torn_tail());
    EXPECT_TRUE(log->records().empty());
    EXPECT_EQ(Contents(path), "");
}

TEST(ScanLog, AMissingLogIsNotFoundForUpload) {
    TempDir dir;
    const auto read = ReadScanLog(dir.File("none.jsonl"));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace tix::tixscan
