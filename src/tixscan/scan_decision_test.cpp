#include "tixscan/scan_decision.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tixscan/tixscan_testing.h"

namespace tix::tixscan {
namespace {

using std::chrono::seconds;
using testing::BundleOf;
using testing::kScanTime;
using testing::PayloadOf;
using testing::PayloadSpec;
using testing::TicketIdOf;

ScanDecision Decide(const CheckinBundle& bundle, const std::string& payload,
                    const AdmittedScans& admitted = {}, TimePoint at = kScanTime) {
    return DecideScan(bundle, admitted, payload, at);
}

AdmittedScans AdmittedAt(std::uint8_t ticket, std::string gate = "north-3") {
    return {{TicketIdOf(ticket), FirstScan{kScanTime - seconds{60}, std::move(gate)}}};
}

TEST(ScanDecision, AdmitsASignedTicketOfTheEvent) {
    const ScanDecision decision = Decide(BundleOf(7), PayloadOf({.ticket = 1}));
    EXPECT_EQ(decision.result, ScanResult::kAdmitted);
    EXPECT_TRUE(decision.signature_verified);
    ASSERT_TRUE(decision.claims.has_value());
    EXPECT_EQ(decision.claims->ticket_id, TicketIdOf(1));
    EXPECT_EQ(AnswerJson(decision), "{\"result\":\"admitted\",\"ticket_id\":\"" +
                                        engine::ToHex(TicketIdOf(1)) +
                                        "\",\"zone_index\":2,\"seat\":41}");
}

TEST(ScanDecision, TextThatIsNoPayloadIsInvalidAndNotLogged) {
    for (const std::string& text :
         std::vector<std::string>{"", "hello", "https://example.com/t/1", PayloadOf({}).substr(1),
                                  PayloadOf({}) + "\n"}) {
        const ScanDecision decision = Decide(BundleOf(7), text);
        EXPECT_EQ(decision.result, ScanResult::kInvalid) << text;
        EXPECT_FALSE(decision.signature_verified);
        EXPECT_EQ(AnswerJson(decision), "{\"result\":\"invalid\"}");
    }
}

TEST(ScanDecision, AForgedSignatureIsInvalidAndNotLogged) {
    // Event 7's claims, signed by another deployment's key for event 7.
    const ScanDecision decision = Decide(BundleOf(7), PayloadOf({.master = 2}));
    EXPECT_EQ(decision.result, ScanResult::kInvalid);
    EXPECT_FALSE(decision.signature_verified);
    EXPECT_EQ(AnswerJson(decision).find("seat"), std::string::npos) << "unverified claims";
}

TEST(ScanDecision, AnotherEventsTicketIsWrongEventBeforeItsSignatureIsChecked) {
    // Validly signed for event 8, and forged for event 8: both are another event's ticket.
    for (const std::uint8_t master : {1, 2}) {
        const ScanDecision decision =
            Decide(BundleOf(7), PayloadOf({.event_id = 8, .master = master}));
        EXPECT_EQ(decision.result, ScanResult::kWrongEvent);
        EXPECT_FALSE(decision.signature_verified) << "not checkable with this event's key";
        EXPECT_NE(AnswerJson(decision).find("\"event_id\":8"), std::string::npos);
    }
}

TEST(ScanDecision, ARevokedTicketIsRefusedAtAnyVersion) {
    CheckinBundle bundle = BundleOf(7);
    bundle.revoked.insert(TicketIdOf(1));
    for (const std::uint32_t version : {1u, 2u, 9u}) {
        const ScanDecision decision = Decide(bundle, PayloadOf({.version = version}));
        EXPECT_EQ(decision.result, ScanResult::kRevoked) << version;
        EXPECT_TRUE(decision.signature_verified) << "logged";
    }
}

TEST(ScanDecision, AVersionOlderThanItsReissueIsRevoked) {
    CheckinBundle bundle = BundleOf(7);
    bundle.reissued[TicketIdOf(1)] = 3;
    EXPECT_EQ(Decide(bundle, PayloadOf({.version = 1})).result, ScanResult::kRevoked);
    EXPECT_EQ(Decide(bundle, PayloadOf({.version = 2})).result, ScanResult::kRevoked);
    EXPECT_EQ(Decide(bundle, PayloadOf({.version = 3})).result, ScanResult::kAdmitted);
    // Transferred again after the bundle was fetched: newer than known, and signed.
    EXPECT_EQ(Decide(bundle, PayloadOf({.version = 4})).result, ScanResult::kAdmitted);
}

TEST(ScanDecision, RotatingCodesPassForTwoStepsOnly) {
    const CheckinBundle bundle = BundleOf(7, /*rotating=*/true);
    const std::string payload = PayloadOf({.rotating = true, .code_at = kScanTime});
    EXPECT_EQ(Decide(bundle, payload, {}, kScanTime).result, ScanResult::kAdmitted);
    EXPECT_EQ(Decide(bundle, payload, {}, kScanTime + seconds{29}).result, ScanResult::kAdmitted);
    EXPECT_EQ(Decide(bundle, payload, {}, kScanTime + seconds{30}).result,
              ScanResult::kCodeExpired);
    EXPECT_EQ(Decide(bundle, payload, {}, kScanTime - seconds{1}).result, ScanResult::kCodeExpired);
    EXPECT_TRUE(Decide(bundle, payload, {}, kScanTime + seconds{30}).signature_verified);
}

TEST(ScanDecision, AStaticPayloadAtARotatingEventIsCodeExpired) {
    EXPECT_EQ(Decide(BundleOf(7, /*rotating=*/true), PayloadOf({})).result,
              ScanResult::kCodeExpired);
}

TEST(ScanDecision, ARotatingPayloadAtAStaticEventPassesOnItsSignature) {
    const std::string payload = PayloadOf({.rotating = true, .code_at = kScanTime - seconds{600}});
    EXPECT_EQ(Decide(BundleOf(7), payload).result, ScanResult::kAdmitted);
}

TEST(ScanDecision, ASecondAdmissionIsADuplicateNamingTheFirst) {
    const ScanDecision decision = Decide(BundleOf(7), PayloadOf({}), AdmittedAt(1, "south-1"));
    EXPECT_EQ(decision.result, ScanResult::kDuplicate);
    ASSERT_TRUE(decision.first_scan.has_value());
    EXPECT_EQ(decision.first_scan->gate, "south-1");
    EXPECT_EQ(AnswerJson(decision),
              "{\"result\":\"duplicate\",\"ticket_id\":\"" + engine::ToHex(TicketIdOf(1)) +
                  "\",\"zone_index\":2,\"seat\":41,\"first_scan\":{\"scanned_at\":\"" +
                  FormatScanTime(kScanTime - seconds{60}) + "\",\"gate\":\"south-1\"}}");
    // Another ticket is not a duplicate of it.
    EXPECT_EQ(Decide(BundleOf(7), PayloadOf({.ticket = 2}), AdmittedAt(1)).result,
              ScanResult::kAdmitted);
}

// A ticket checked in online, or uploaded by another gate, is in the bundle once fetched: this
// gate refuses it although its own log never saw it, naming tixd's first scan.
TEST(ScanDecision, ATicketTheBundleSaysWasCheckedInIsADuplicate) {
    CheckinBundle bundle = BundleOf(7);
    bundle.checked_in[TicketIdOf(1)] = FirstScan{kScanTime - seconds{600}, "online-1"};
    const ScanDecision decision = Decide(bundle, PayloadOf({}));
    EXPECT_EQ(decision.result, ScanResult::kDuplicate);
    EXPECT_TRUE(decision.signature_verified) << "logged, so that upload reports the attempt";
    EXPECT_EQ(AnswerJson(decision),
              "{\"result\":\"duplicate\",\"ticket_id\":\"" + engine::ToHex(TicketIdOf(1)) +
                  "\",\"zone_index\":2,\"seat\":41,\"first_scan\":{\"scanned_at\":\"" +
                  FormatScanTime(kScanTime - seconds{600}) + "\",\"gate\":\"online-1\"}}");
    // The bundle before the log: tixd's admission is the one named, though this gate let the
    // ticket in too (before its fetch).
    EXPECT_EQ(Decide(bundle, PayloadOf({}), AdmittedAt(1, "south-1")).first_scan->gate, "online-1");
    EXPECT_EQ(Decide(bundle, PayloadOf({.ticket = 2})).result, ScanResult::kAdmitted);
}

TEST(ScanDecision, ChecksComeInTheDocumentedOrder) {
    CheckinBundle bundle = BundleOf(7, /*rotating=*/true);
    bundle.revoked.insert(TicketIdOf(1));
    const std::string stale_code =
        PayloadOf({.rotating = true, .code_at = kScanTime - seconds{60}});
    // Revoked before the code: a refunded ticket says so, whatever its code.
    EXPECT_EQ(Decide(bundle, stale_code, AdmittedAt(1)).result, ScanResult::kRevoked);
    // The code before the log: a screenshot of an admitted ticket is an expired code.
    bundle.revoked.clear();
    EXPECT_EQ(Decide(bundle, stale_code, AdmittedAt(1)).result, ScanResult::kCodeExpired);
    // ... and before the bundle's check-ins; an old version after a re-issue is revoked even if
    // the ticket was checked in (at its new version).
    bundle.checked_in[TicketIdOf(1)] = FirstScan{kScanTime - seconds{60}, "online-1"};
    EXPECT_EQ(Decide(bundle, stale_code).result, ScanResult::kCodeExpired);
    bundle.reissued[TicketIdOf(1)] = 2;
    EXPECT_EQ(Decide(bundle, PayloadOf({.rotating = true})).result, ScanResult::kRevoked);
    EXPECT_EQ(Decide(bundle, PayloadOf({.version = 2, .rotating = true})).result,
              ScanResult::kDuplicate);
    // Wrong event before anything else of the ticket.
    EXPECT_EQ(Decide(bundle, PayloadOf({.event_id = 8, .rotating = true}), AdmittedAt(1)).result,
              ScanResult::kWrongEvent);
}

TEST(ScanDecision, OnlyAdmissionsCountForDuplicates) {
    const std::vector<ScanRecord> log = {
        {.payload = "p",
         .ticket_id = TicketIdOf(1),
         .scanned_at = kScanTime,
         .gate = "a",
         .result = ScanResult::kRevoked},
        {.payload = "p",
         .ticket_id = TicketIdOf(2),
         .scanned_at = kScanTime,
         .gate = "a",
         .result = ScanResult::kCodeExpired},
        {.payload = "p",
         .ticket_id = TicketIdOf(3),
         .scanned_at = kScanTime,
         .gate = "a",
         .result = ScanResult::kAdmitted},
        {.payload = "p",
         .ticket_id = TicketIdOf(3),
         .scanned_at = kScanTime + seconds{5},
         .gate = "b",
         .result = ScanResult::kDuplicate},
    };
    const AdmittedScans admitted = IndexAdmitted(log);
    ASSERT_EQ(admitted.size(), 1u);
    EXPECT_EQ(admitted.at(TicketIdOf(3)).gate, "a") << "the first admission";
}

}  // namespace
}  // namespace tix::tixscan
