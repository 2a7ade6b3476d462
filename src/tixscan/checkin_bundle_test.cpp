#include "tixscan/checkin_bundle.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "common/rfc3339.h"
#include "tixscan/tixscan_testing.h"

namespace tix::tixscan {
namespace {

using testing::BundleOf;
using testing::KeysOf;
using testing::TicketIdOf;

std::string Hex(std::uint8_t ticket) { return engine::ToHex(TicketIdOf(ticket)); }

// The server's answer as documented, with the given lists; "checked_in" only when given (a tixd
// from before check-ins were sent leaves it out).
std::string ServerJson(std::uint64_t version, std::uint64_t since, const std::string& revoked,
                       const std::string& reissued, bool rotating = false,
                       const std::optional<std::string>& checked_in = std::nullopt) {
    const tickets::EventKeys keys = KeysOf(7);
    std::string json = "{\"event_id\": 7, \"bundle_version\": " + std::to_string(version) +
                       ", \"public_key\": \"" + tickets::ToBase64Url(keys.public_key) +
                       "\", \"rotating_qr\": " + (rotating ? "true" : "false");
    if (rotating) json += ", \"rotation_key\": \"" + tickets::ToBase64Url(keys.rotation_key) + "\"";
    return json +
           ", \"step_seconds\": 15, \"issued_count\": 1234, \"since\": " + std::to_string(since) +
           ", \"revoked\": [" + revoked + "], \"reissued\": [" + reissued + "]" +
           (checked_in ? ", \"checked_in\": [" + *checked_in + "]" : "") + "}";
}

// One entry of "checked_in".
std::string CheckIn(std::uint8_t ticket, std::string_view scanned_at, std::string_view gate) {
    return "{\"ticket_id\": \"" + Hex(ticket) + "\", \"scanned_at\": \"" + std::string(scanned_at) +
           "\", \"gate\": \"" + std::string(gate) + "\"}";
}

FirstScan ScanAt(std::string_view rfc3339, std::string gate) {
    return FirstScan{*ParseRfc3339(rfc3339), std::move(gate)};
}

TEST(CheckinBundle, ParsesTheDocumentedAnswer) {
    const std::string json =
        ServerJson(42, 0, "\"" + Hex(1) + "\"",
                   "{\"ticket_id\": \"" + Hex(2) + "\", \"version\": 3}", /*rotating=*/true);
    const auto bundle = ParseBundle(json);
    ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
    EXPECT_EQ(bundle->event_id, EventId{7});
    EXPECT_EQ(bundle->bundle_version, 42u);
    EXPECT_EQ(bundle->public_key, KeysOf(7).public_key);
    EXPECT_TRUE(bundle->rotating_qr);
    ASSERT_TRUE(bundle->rotation_key.has_value());
    EXPECT_EQ(*bundle->rotation_key, KeysOf(7).rotation_key);
    EXPECT_EQ(bundle->issued_count, 1234u);
    EXPECT_EQ(bundle->since, 0u);
    EXPECT_EQ(bundle->revoked, std::set<engine::TicketId>{TicketIdOf(1)});
    EXPECT_EQ(bundle->reissued, (std::map<engine::TicketId, std::uint32_t>{{TicketIdOf(2), 3}}));
}

TEST(CheckinBundle, ParsesCheckInsWithTheirFirstScan) {
    const auto bundle =
        ParseBundle(ServerJson(42, 0, "\"" + Hex(1) + "\"", "", false,
                               CheckIn(2, "2026-12-05T19:02:11Z", "north-3") + ", " +
                                   CheckIn(4, "2026-12-05T19:02:11.250Z", "south") + ", " +
                                   CheckIn(4, "2026-12-05T19:01:00.000Z", "west") + ", " +
                                   CheckIn(1, "2026-12-05T19:00:00Z", "north-3")));
    ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
    EXPECT_EQ(bundle->checked_in, (std::map<engine::TicketId, FirstScan>{
                                      {TicketIdOf(2), ScanAt("2026-12-05T19:02:11Z", "north-3")},
                                      {TicketIdOf(4), ScanAt("2026-12-05T19:01:00Z", "west")}}))
        << "a ticket twice keeps its earlier scan; a revoked one is revoked only";
    EXPECT_EQ(bundle->revoked, std::set<engine::TicketId>{TicketIdOf(1)});
    const auto older = ParseBundle(ServerJson(42, 0, "", ""));
    ASSERT_TRUE(older.ok()) << "a bundle from before check-ins were sent";
    EXPECT_TRUE(older->checked_in.empty());
}

TEST(CheckinBundle, TheFileFormRoundTrips) {
    CheckinBundle bundle = BundleOf(7, /*rotating=*/true);
    bundle.revoked = {TicketIdOf(3), TicketIdOf(1)};
    bundle.reissued = {{TicketIdOf(2), 3}, {TicketIdOf(4), 2}};
    bundle.checked_in = {{TicketIdOf(5), ScanAt("2026-12-05T19:02:11.250Z", "north-3")},
                         {TicketIdOf(2), ScanAt("2026-12-05T19:02:12Z", "b")}};
    const std::string json = BundleJson(bundle);
    const auto parsed = ParseBundle(json);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(BundleJson(*parsed), json);
    EXPECT_EQ(parsed->revoked, bundle.revoked);
    EXPECT_EQ(parsed->reissued, bundle.reissued);
    EXPECT_EQ(parsed->checked_in, bundle.checked_in);
    EXPECT_EQ(*parsed->rotation_key, *bundle.rotation_key);
}

TEST(CheckinBundle, UnknownFieldsAreIgnored) {
    std::string json = ServerJson(1, 0, "", "");
    json.insert(1, "\"gates\": [\"north\"], ");
    EXPECT_TRUE(ParseBundle(json).ok());
}

TEST(CheckinBundle, RefusesWhatIsNotAsDocumented) {
    const std::string good = ServerJson(1, 0, "", "");
    const auto refuses = [](const std::string& json, std::string_view field) {
        const auto bundle = ParseBundle(json);
        ASSERT_FALSE(bundle.ok()) << json;
        EXPECT_NE(bundle.status().message().find(field), std::string::npos)
            << bundle.status().message();
    };
    const auto replaced = [&good](std::string_view from, std::string_view to) {
        std::string json = good;
        const std::size_t at = json.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return json.replace(at, from.size(), to);
    };
    refuses("[]", "object");
    refuses("{", "JSON");
    refuses(replaced("\"event_id\": 7", "\"event_id\": 0"), "event_id");
    refuses(replaced("\"event_id\": 7", "\"event_id\": \"7\""), "event_id");
    refuses(replaced("\"event_id\": 7", "\"event_id\": 4294967296"), "event_id");
    refuses(replaced("\"bundle_version\": 1", "\"bundle_version\": -1"), "bundle_version");
    refuses(replaced("\"public_key\": \"", "\"public_key\": \"A"), "public_key");
    refuses(replaced("\"rotating_qr\": false", "\"rotating_qr\": true"), "rotation_key");
    refuses(
        replaced("\"rotating_qr\": false", "\"rotating_qr\": false, \"rotation_key\": \"" +
                                               tickets::ToBase64Url(KeysOf(7).rotation_key) + "\""),
        "rotation_key");
    refuses(replaced("\"step_seconds\": 15", "\"step_seconds\": 30"), "step_seconds");
    refuses(replaced("\"revoked\": []", "\"revoked\": [\"abc\"]"), "revoked");
    refuses(replaced("\"revoked\": []", "\"revoked\": {}"), "revoked");
    refuses(replaced("\"reissued\": []",
                     "\"reissued\": [{\"ticket_id\": \"" + Hex(1) + "\", \"version\": 0}]"),
            "reissued");
    refuses(replaced("\"reissued\": []", "\"reissued\": [{\"ticket_id\": \"" + Hex(1) + "\"}]"),
            "reissued");
    refuses(replaced(", \"issued_count\": 1234", ""), "issued_count");
    const std::string with_check_ins = ServerJson(1, 0, "", "", false, "");
    const auto check_in = [&with_check_ins](const std::string& entries) {
        std::string json = with_check_ins;
        return json.replace(json.find("\"checked_in\": []"), 16,
                            "\"checked_in\": [" + entries + "]");
    };
    ASSERT_TRUE(ParseBundle(check_in(CheckIn(1, "2026-12-05T19:02:11Z", "a"))).ok());
    refuses(check_in("{}"), "checked_in");
    refuses(check_in("\"" + Hex(1) + "\""), "checked_in");
    refuses(check_in(CheckIn(1, "yesterday", "a")), "checked_in");
    refuses(check_in(CheckIn(1, "2026-12-05T19:02:11Z", "two words")), "checked_in");
    refuses(check_in(CheckIn(1, "2026-12-05T19:02:11Z", "")), "checked_in");
    refuses(check_in(CheckIn(1, "2026-12-05T19:02:11Z", std::string(33, 'g'))), "checked_in");
    refuses(check_in("{\"ticket_id\": \"" + Hex(1) + "\", \"gate\": \"a\"}"), "checked_in");
    std::string not_an_array = with_check_ins;
    refuses(not_an_array.replace(not_an_array.find("\"checked_in\": []"), 16, "\"checked_in\": {}"),
            "checked_in");
}

TEST(CheckinBundle, ADeltaIsMergedIntoTheFile) {
    auto bundle = ParseBundle(ServerJson(42, 0, "\"" + Hex(1) + "\"",
                                         "{\"ticket_id\": \"" + Hex(2) +
                                             "\", \"version\": 3}, {\"ticket_id\": \"" + Hex(5) +
                                             "\", \"version\": 2}"));
    ASSERT_TRUE(bundle.ok());
    // After 42: ticket 3 refunded, ticket 2 transferred again, ticket 5 revoked after its
    // transfer (it appears in revoked), ticket 6 transferred; and the event now rotates.
    auto delta = ParseBundle(ServerJson(45, 42, "\"" + Hex(3) + "\", \"" + Hex(5) + "\"",
                                        "{\"ticket_id\": \"" + Hex(2) +
                                            "\", \"version\": 4}, {\"ticket_id\": \"" + Hex(6) +
                                            "\", \"version\": 2}",
                                        /*rotating=*/true));
    ASSERT_TRUE(delta.ok());
    ASSERT_TRUE(MergeDelta(*bundle, std::move(delta).value()).ok());
    EXPECT_EQ(bundle->bundle_version, 45u);
    EXPECT_EQ(bundle->since, 0u) << "the file holds everything up to its version";
    EXPECT_EQ(bundle->revoked,
              (std::set<engine::TicketId>{TicketIdOf(1), TicketIdOf(3), TicketIdOf(5)}));
    EXPECT_EQ(bundle->reissued, (std::map<engine::TicketId, std::uint32_t>{
                                    {TicketIdOf(2), 4}, {TicketIdOf(5), 2}, {TicketIdOf(6), 2}}));
    EXPECT_TRUE(bundle->rotating_qr);
    EXPECT_TRUE(bundle->rotation_key.has_value());
}

// Check-ins merge like revocations (a union), keep the earlier first scan when two answers
// differ (tixd's admission can move to an earlier upload), and give way to a revocation.
TEST(CheckinBundle, CheckInsAreMergedAndARevocationWins) {
    auto bundle = ParseBundle(ServerJson(42, 0, "\"" + Hex(1) + "\"", "", false,
                                         CheckIn(2, "2026-12-05T19:02:00Z", "north") + ", " +
                                             CheckIn(3, "2026-12-05T19:03:00Z", "north")));
    ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
    // After 42: ticket 4 checked in; ticket 3 refunded after its check-in; ticket 2's admission
    // moved to an earlier upload; ticket 1 (revoked) listed as checked in (not from tixd: ignored).
    auto delta = ParseBundle(ServerJson(46, 42, "\"" + Hex(3) + "\"", "", false,
                                        CheckIn(4, "2026-12-05T19:04:00Z", "south") + ", " +
                                            CheckIn(2, "2026-12-05T19:01:00Z", "west") + ", " +
                                            CheckIn(1, "2026-12-05T19:00:00Z", "west")));
    ASSERT_TRUE(delta.ok()) << delta.status().ToString();
    ASSERT_TRUE(MergeDelta(*bundle, std::move(delta).value()).ok());
    EXPECT_EQ(bundle->revoked, (std::set<engine::TicketId>{TicketIdOf(1), TicketIdOf(3)}));
    EXPECT_EQ(bundle->checked_in, (std::map<engine::TicketId, FirstScan>{
                                      {TicketIdOf(2), ScanAt("2026-12-05T19:01:00Z", "west")},
                                      {TicketIdOf(4), ScanAt("2026-12-05T19:04:00Z", "south")}}));
    // A later, overlapping delta with ticket 2's later scan keeps the earlier one; merging it twice
    // changes nothing more.
    const std::string overlapping =
        ServerJson(47, 44, "", "", false, CheckIn(2, "2026-12-05T19:02:00Z", "north"));
    for (int time = 0; time < 2; ++time) {
        ASSERT_TRUE(MergeDelta(*bundle, *ParseBundle(overlapping)).ok());
        EXPECT_EQ(bundle->checked_in.at(TicketIdOf(2)), ScanAt("2026-12-05T19:01:00Z", "west"));
        EXPECT_EQ(bundle->checked_in.size(), 2u);
    }
    // A delta from a tixd without check-ins keeps the ones the file has.
    ASSERT_TRUE(MergeDelta(*bundle, *ParseBundle(ServerJson(48, 47, "", ""))).ok());
    EXPECT_EQ(bundle->checked_in.size(), 2u);
    // A full answer replaces them.
    ASSERT_TRUE(MergeDelta(*bundle, *ParseBundle(ServerJson(49, 0, "", "", false, ""))).ok());
    EXPECT_TRUE(bundle->checked_in.empty());
}

TEST(CheckinBundle, MergingKeepsTheHighestVersionAndIsIdempotent) {
    auto bundle =
        ParseBundle(ServerJson(10, 0, "", "{\"ticket_id\": \"" + Hex(2) + "\", \"version\": 5}"));
    ASSERT_TRUE(bundle.ok());
    // An overlapping delta (since an older version) with an older version of ticket 2.
    const std::string overlapping = ServerJson(
        12, 8, "\"" + Hex(1) + "\"", "{\"ticket_id\": \"" + Hex(2) + "\", \"version\": 4}");
    for (int time = 0; time < 2; ++time) {
        auto delta = ParseBundle(overlapping);
        ASSERT_TRUE(delta.ok());
        ASSERT_TRUE(MergeDelta(*bundle, std::move(delta).value()).ok());
        EXPECT_EQ(bundle->reissued.at(TicketIdOf(2)), 5u);
        EXPECT_EQ(bundle->revoked.size(), 1u);
    }
}

TEST(CheckinBundle, AFullAnswerReplacesTheFile) {
    auto bundle = ParseBundle(ServerJson(10, 0, "\"" + Hex(1) + "\"", ""));
    auto full = ParseBundle(ServerJson(11, 0, "\"" + Hex(2) + "\"", ""));
    ASSERT_TRUE(bundle.ok() && full.ok());
    ASSERT_TRUE(MergeDelta(*bundle, std::move(full).value()).ok());
    EXPECT_EQ(bundle->revoked, std::set<engine::TicketId>{TicketIdOf(2)});
}

TEST(CheckinBundle, RefusesDeltasThatDoNotFit) {
    const auto bundle = ParseBundle(ServerJson(10, 0, "\"" + Hex(1) + "\"", ""));
    ASSERT_TRUE(bundle.ok());
    const std::string file_before = BundleJson(*bundle);
    const auto refused = [&](CheckinBundle delta, std::string_view why) {
        CheckinBundle merged = *ParseBundle(file_before);
        const Status status = MergeDelta(merged, std::move(delta));
        EXPECT_FALSE(status.ok()) << why;
        EXPECT_NE(status.message().find(why), std::string::npos) << status.message();
        EXPECT_EQ(BundleJson(merged), file_before) << "unchanged";
    };
    refused(*ParseBundle(ServerJson(12, 11, "", "")), "missing");  // a gap: 10 -> 11 unknown
    refused(*ParseBundle(ServerJson(9, 0, "", "")), "older");
    CheckinBundle other_event = BundleOf(8);
    other_event.bundle_version = 11;
    refused(other_event, "event 8");
    CheckinBundle other_key = *ParseBundle(ServerJson(11, 10, "", ""));
    other_key.public_key = KeysOf(7, /*master=*/2).public_key;
    refused(other_key, "public key changed");
}

}  // namespace
}  // namespace tix::tixscan
