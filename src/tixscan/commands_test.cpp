#include "tixscan/commands.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/temp_dir.h"
#include "http/router.h"
#include "http/testing.h"
#include "tixscan/checkin_bundle.h"
#include "tixscan/file_io.h"
#include "tixscan/scan_decision.h"
#include "tixscan/scan_log.h"
#include "tixscan/tixscan_testing.h"

namespace tix::tixscan {
namespace {

using std::chrono::seconds;
using testing::BundleOf;
using testing::kScanTime;
using testing::PayloadOf;
using testing::TicketIdOf;
namespace beast_http = boost::beast::http;

constexpr std::string_view kToken = "scanner-token";

std::string Contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t LinesOf(const std::string& path) {
    const std::string text = Contents(path);
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
};

class Gate {
  public:
    explicit Gate(const CheckinBundle& bundle) : bundle_path_(dir_.File("event-7.json")) {
        EXPECT_TRUE(ReplaceFileDurably(bundle_path_, BundleJson(bundle)).ok());
    }

    Outcome Verify(const std::string& payload, std::string gate = "north-3",
                   TimePoint at = kScanTime) {
        std::ostringstream out;
        std::ostringstream err;
        const int code = RunVerify({.bundle_path = bundle_path_,
                                    .gate = std::move(gate),
                                    .scanned_at = at,
                                    .payload = payload},
                                   out, err);
        return {code, out.str(), err.str()};
    }

    const std::string& bundle_path() const { return bundle_path_; }
    std::string log_path() const { return DefaultLogPath(bundle_path_); }
    const TempDir& dir() const { return dir_; }

  private:
    TempDir dir_;
    std::string bundle_path_;
};

TEST(TixscanVerify, AdmitsOnceThenAnswersDuplicate) {
    Gate gate(BundleOf(7));
    const std::string payload = PayloadOf({.ticket = 1});
    const Outcome first = gate.Verify(payload, "north-3");
    EXPECT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(first.out, "{\"result\":\"admitted\",\"ticket_id\":\"" +
                             engine::ToHex(TicketIdOf(1)) + "\",\"zone_index\":2,\"seat\":41}\n");
    EXPECT_EQ(gate.log_path(), gate.bundle_path() + ".scans.jsonl");
    EXPECT_EQ(LinesOf(gate.log_path()), 1u) << "logged before the answer";

    const Outcome second = gate.Verify(payload, "south-1", kScanTime + seconds{90});
    EXPECT_EQ(second.exit_code, 2);
    const boost::json::value answer = boost::json::parse(second.out);
    EXPECT_EQ(answer.at("result").as_string(), "duplicate");
    EXPECT_EQ(answer.at("first_scan").at("gate").as_string(), "north-3");
    EXPECT_EQ(answer.at("first_scan").at("scanned_at").as_string(), FormatScanTime(kScanTime));
    EXPECT_EQ(LinesOf(gate.log_path()), 2u) << "duplicates are logged too";
}

TEST(TixscanVerify, ATicketCheckedInElsewhereIsADuplicateLoggedAndUploadedAsOne) {
    CheckinBundle bundle = BundleOf(7);
    bundle.checked_in[TicketIdOf(1)] = FirstScan{kScanTime - seconds{300}, "online-1"};
    Gate gate(bundle);
    const Outcome outcome = gate.Verify(PayloadOf({.ticket = 1}), "north-3");
    EXPECT_EQ(outcome.exit_code, 2) << outcome.err;
    const boost::json::value answer = boost::json::parse(outcome.out);
    EXPECT_EQ(answer.at("result").as_string(), "duplicate");
    EXPECT_EQ(answer.at("first_scan").at("gate").as_string(), "online-1");
    EXPECT_EQ(answer.at("first_scan").at("scanned_at").as_string(),
              FormatScanTime(kScanTime - seconds{300}));
    const auto records = ReadScanLog(gate.log_path());
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records->size(), 1u);
    EXPECT_EQ((*records)[0].result, ScanResult::kDuplicate) << "not an admission";
    EXPECT_TRUE(IndexAdmitted(*records).empty()) << "so the log admits nothing of it";
    // The next scan of it is a duplicate still, naming the same admission.
    EXPECT_EQ(boost::json::parse(gate.Verify(PayloadOf({.ticket = 1}), "north-3").out)
                  .at("first_scan")
                  .at("gate")
                  .as_string(),
              "online-1");
}

TEST(TixscanVerify, ExitCodesSayTheResult) {
    CheckinBundle bundle = BundleOf(7, /*rotating=*/true);
    bundle.revoked.insert(TicketIdOf(2));
    Gate gate(bundle);
    const auto now = [&](const testing::PayloadSpec& spec) {
        return gate.Verify(PayloadOf(spec)).exit_code;
    };
    EXPECT_EQ(now({.ticket = 1, .rotating = true}), 0);
    EXPECT_EQ(now({.ticket = 1, .rotating = true}), 2);
    EXPECT_EQ(gate.Verify("not a ticket").exit_code, 3);
    EXPECT_EQ(now({.ticket = 2, .rotating = true}), 4);
    EXPECT_EQ(now({.event_id = 8, .ticket = 3, .rotating = true}), 5);
    EXPECT_EQ(now({.ticket = 3, .rotating = true, .code_at = kScanTime - seconds{60}}), 6);
    // Logged: admitted, duplicate, revoked, code_expired; not the invalid or the other event's.
    const auto records = ReadScanLog(gate.log_path());
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records->size(), 4u);
    EXPECT_EQ((*records)[2].result, ScanResult::kRevoked);
    EXPECT_EQ((*records)[3].result, ScanResult::kCodeExpired);
    EXPECT_EQ((*records)[3].scanned_at, kScanTime);
}

TEST(TixscanVerify, ACorruptLogStopsTheGateRatherThanAdmitTwice) {
    Gate gate(BundleOf(7));
    ASSERT_EQ(gate.Verify(PayloadOf({.ticket = 1})).exit_code, 0);
    std::ofstream(gate.log_path(), std::ios::app) << "{\"payload\": garbage}\n";
    const std::string log_before = Contents(gate.log_path());
    const Outcome outcome = gate.Verify(PayloadOf({.ticket = 1}));
    EXPECT_EQ(outcome.exit_code, 1);
    EXPECT_EQ(outcome.out, "") << "no answer";
    EXPECT_NE(outcome.err.find("line 2"), std::string::npos) << outcome.err;
    EXPECT_EQ(Contents(gate.log_path()), log_before);
}

TEST(TixscanVerify, UsageAndFileErrorsExitOne) {
    Gate gate(BundleOf(7));
    EXPECT_EQ(gate.Verify(PayloadOf({}), "two words").exit_code, 1);
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(RunVerify({.bundle_path = gate.dir().File("missing.json"), .payload = PayloadOf({})},
                        out, err),
              1);
    EXPECT_NE(err.str().find("does not exist"), std::string::npos) << err.str();
    std::ofstream(gate.bundle_path(), std::ios::trunc) << "{\"event_id\": 7}";
    EXPECT_EQ(gate.Verify(PayloadOf({})).exit_code, 1);
    CheckinBundle delta = BundleOf(7);
    delta.since = 3;
    ASSERT_TRUE(ReplaceFileDurably(gate.bundle_path(), BundleJson(delta)).ok());
    const Outcome partial = gate.Verify(PayloadOf({}));
    EXPECT_EQ(partial.exit_code, 1);
    EXPECT_NE(partial.err.find("not a whole bundle"), std::string::npos) << partial.err;
}

// A stand-in for tixd's two check-in routes: serves `full` (or `delta` when asked ?since=) and
// records what was uploaded, answering each scan admitted the first time, already_recorded after.
class FakeTixd {
  public:
    FakeTixd() : server_(MakeRouter()) {}

    std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }

    void Serve(std::string full, std::string delta = {}) {
        std::lock_guard lock(mutex_);
        full_ = std::move(full);
        delta_ = std::move(delta);
    }
    void FailUploads(bool fail) {
        std::lock_guard lock(mutex_);
        fail_uploads_ = fail;
    }
    std::vector<std::string> since_asked() {
        std::lock_guard lock(mutex_);
        return since_asked_;
    }
    std::vector<std::pair<std::string, std::size_t>> uploads() {
        std::lock_guard lock(mutex_);
        return uploads_;
    }

  private:
    std::shared_ptr<http::Router> MakeRouter() {
        auto router = std::make_shared<http::Router>(
            [](std::string_view token) -> std::optional<http::Principal> {
                if (token != kToken) return std::nullopt;
                return http::Principal{.user_id = UserId{1}, .role = Role::kAdmin};
            });
        router->Add(beast_http::verb::get, "/api/v1/events/{id}/checkin/bundle",
                    http::Access::kAdmin,
                    [this](http::RequestContext& context, http::Responder respond) {
                        std::lock_guard lock(mutex_);
                        const auto since = context.Query("since");
                        since_asked_.emplace_back(since.value_or("-"));
                        respond(Json(since ? delta_ : full_));
                    });
        router->Add(
            beast_http::verb::post, "/api/v1/events/{id}/checkin/upload", http::Access::kAdmin,
            [this](http::RequestContext& context, http::Responder respond) {
                std::lock_guard lock(mutex_);
                if (fail_uploads_) {
                    respond(http::JsonResponse(beast_http::status::service_unavailable,
                                               {{"code", "overloaded"}}));
                    return;
                }
                const boost::json::value body = boost::json::parse(context.request.body());
                const auto& scans = body.at("scans").as_array();
                uploads_.emplace_back(std::string(body.at("gate").as_string()), scans.size());
                std::uint64_t admitted = 0;
                for (const auto& scan : scans) {
                    if (recorded_.insert(std::string(scan.at("payload").as_string())).second) {
                        ++admitted;
                    }
                }
                respond(http::JsonResponse(beast_http::status::ok,
                                           {{"received", scans.size()},
                                            {"results", boost::json::array()},
                                            {"admitted", admitted},
                                            {"double_entries", 0},
                                            {"already_recorded", scans.size() - admitted},
                                            {"invalid", 0},
                                            {"revoked", 0}}));
            });
        return router;
    }

    static http::Response Json(const std::string& body) {
        http::Response response(beast_http::status::ok, 11);
        response.set(beast_http::field::content_type, "application/json");
        response.body() = body;
        response.prepare_payload();
        return response;
    }

    std::mutex mutex_;
    std::string full_;
    std::string delta_;
    bool fail_uploads_ = false;
    std::vector<std::string> since_asked_;
    std::vector<std::pair<std::string, std::size_t>> uploads_;
    std::set<std::string> recorded_;
    http::test_support::TestServer server_;  // last: stopped before the state it uses goes
};

Outcome Fetch(const FakeTixd& tixd, const std::string& bundle_path,
              std::string_view token = kToken) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = RunFetch({.server = {.server_url = tixd.url(), .token = std::string(token)},
                               .event_id = EventId{7},
                               .bundle_path = bundle_path},
                              out, err);
    return {code, out.str(), err.str()};
}

Outcome Upload(const FakeTixd& tixd, const std::string& bundle_path) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = RunUpload({.server = {.server_url = tixd.url(), .token = std::string(kToken)},
                                .bundle_path = bundle_path},
                               out, err);
    return {code, out.str(), err.str()};
}

TEST(TixscanFetch, DownloadsTheBundleThenMergesTheChanges) {
    FakeTixd tixd;
    TempDir dir;
    const std::string path = dir.File("event-7.json");
    CheckinBundle full = BundleOf(7);
    full.bundle_version = 10;
    full.revoked.insert(TicketIdOf(1));
    CheckinBundle delta = BundleOf(7);
    delta.bundle_version = 12;
    delta.since = 10;
    delta.revoked.insert(TicketIdOf(2));
    delta.reissued[TicketIdOf(3)] = 2;
    delta.checked_in[TicketIdOf(4)] = FirstScan{kScanTime, "online-1"};
    tixd.Serve(BundleJson(full), BundleJson(delta));

    const Outcome first = Fetch(tixd, path);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("\"bundle_version\":10"), std::string::npos) << first.out;
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << "a bundle may hold a rotation key";

    const Outcome second = Fetch(tixd, path);
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("\"delta\":true"), std::string::npos) << second.out;
    EXPECT_EQ(tixd.since_asked(), (std::vector<std::string>{"-", "10"}));
    const auto merged = ParseBundle(Contents(path));
    ASSERT_TRUE(merged.ok());
    EXPECT_EQ(merged->bundle_version, 12u);
    EXPECT_EQ(merged->revoked, (std::set<engine::TicketId>{TicketIdOf(1), TicketIdOf(2)}));
    EXPECT_EQ(merged->reissued.at(TicketIdOf(3)), 2u);
    EXPECT_EQ(merged->checked_in.at(TicketIdOf(4)), (FirstScan{kScanTime, "online-1"}));
    EXPECT_NE(second.out.find("\"checked_in\":1"), std::string::npos) << second.out;
    // Checked in online: this gate refuses it now.
    Gate fetched(*merged);
    EXPECT_EQ(fetched.Verify(PayloadOf({.ticket = 4})).exit_code, 2);
}

TEST(TixscanFetch, FailuresLeaveTheFileAlone) {
    FakeTixd tixd;
    TempDir dir;
    const std::string path = dir.File("event-7.json");
    tixd.Serve(BundleJson(BundleOf(7)), "{\"broken\": true}");
    const Outcome refused = Fetch(tixd, path, "wrong-token");
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("401"), std::string::npos) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(path));

    ASSERT_EQ(Fetch(tixd, path).exit_code, 0);
    const std::string before = Contents(path);
    EXPECT_EQ(Fetch(tixd, path).exit_code, 1) << "a delta that does not parse";
    EXPECT_EQ(Contents(path), before);

    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(RunFetch({.server = {.server_url = "http://tixd.example:8080", .token = "t"},
                        .event_id = EventId{7},
                        .bundle_path = dir.File("other.json")},
                       out, err),
              1);
    EXPECT_NE(err.str().find("--server"), std::string::npos) << err.str();
}

TEST(TixscanUpload, SendsEachGatesAdmissionsAndIsSafeToRepeat) {
    FakeTixd tixd;
    Gate gate(BundleOf(7));
    ASSERT_EQ(gate.Verify(PayloadOf({.ticket = 1}), "north").exit_code, 0);
    ASSERT_EQ(gate.Verify(PayloadOf({.ticket = 2}), "south").exit_code, 0);
    ASSERT_EQ(gate.Verify(PayloadOf({.ticket = 3}), "north").exit_code, 0);
    ASSERT_EQ(gate.Verify(PayloadOf({.ticket = 1}), "south").exit_code, 2);
    ASSERT_EQ(gate.Verify("junk", "south").exit_code, 3);

    const Outcome first = Upload(tixd, gate.bundle_path());
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(tixd.uploads(),
              (std::vector<std::pair<std::string, std::size_t>>{{"north", 2}, {"south", 2}}));
    const boost::json::value summary = boost::json::parse(first.out);
    EXPECT_EQ(summary.at("requests").as_int64(), 2);
    EXPECT_EQ(summary.at("received").as_int64(), 4);
    EXPECT_EQ(summary.at("admitted").as_int64(), 3);  // the fake counts payloads, not tickets

    const Outcome again = Upload(tixd, gate.bundle_path());
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(boost::json::parse(again.out).at("already_recorded").as_int64(), 4);
}

TEST(TixscanUpload, ARefusedRequestFailsTheUpload) {
    FakeTixd tixd;
    Gate gate(BundleOf(7));
    ASSERT_EQ(gate.Verify(PayloadOf({.ticket = 1}), "north").exit_code, 0);
    tixd.FailUploads(true);
    const Outcome outcome = Upload(tixd, gate.bundle_path());
    EXPECT_EQ(outcome.exit_code, 1);
    EXPECT_NE(outcome.err.find("503"), std::string::npos) << outcome.err;
    EXPECT_NE(outcome.out.find("\"failed_requests\":1"), std::string::npos) << outcome.out;
}

}  // namespace
}  // namespace tix::tixscan
