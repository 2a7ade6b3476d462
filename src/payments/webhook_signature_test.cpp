#include "payments/webhook_signature.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tix::payments {
namespace {

using std::chrono::seconds;

const TimePoint kNow = FromUnixMillis(1'790'000'000'000);
const std::string kBody = R"({"id":"evt_1","type":"payment_intent.succeeded"})";

SignatureCheck Verify(std::string_view header, std::vector<std::string> secrets,
                      TimePoint now = kNow) {
    return VerifySignature(header, kBody, secrets, now);
}

TEST(WebhookSignature, MatchesAnIndependentHmacSha256) {
    // From Python's hmac module, not from this code.
    EXPECT_EQ(SignatureOf("secret", 1'790'000'000, "{}"),
              "d0cadd434460d4af55e7ab90d79c1802591d7001a77c9e06471d0e3ec8cc85ae")
        << "recompute with: python3 -c 'import hmac;print(hmac.new(b\"secret\", "
           "b\"1790000000.{}\", \"sha256\").hexdigest())'";
}

TEST(WebhookSignature, AcceptsItsOwnSignature) {
    EXPECT_EQ(Verify(SignatureHeaderValue("whsec_a", kNow, kBody), {"whsec_a"}),
              SignatureCheck::kOk);
}

TEST(WebhookSignature, AcceptsAnyOfSeveralSignaturesDuringRotation) {
    const std::string header = "t=1790000000,v1=" + SignatureOf("old", 1'790'000'000, kBody) +
                               ",v1=" + SignatureOf("new", 1'790'000'000, kBody);
    EXPECT_EQ(Verify(header, {"new"}), SignatureCheck::kOk);
    EXPECT_EQ(Verify(header, {"old"}), SignatureCheck::kOk);
    EXPECT_EQ(Verify(header, {"other", "new"}), SignatureCheck::kOk);
    EXPECT_EQ(Verify(header, {"other"}), SignatureCheck::kMismatch);
}

TEST(WebhookSignature, RefusesAnotherSecretOrAnotherBody) {
    const std::string header = SignatureHeaderValue("whsec_a", kNow, kBody);
    EXPECT_EQ(Verify(header, {"whsec_b"}), SignatureCheck::kMismatch);
    EXPECT_EQ(VerifySignature(header, kBody + " ", std::vector<std::string>{"whsec_a"}, kNow),
              SignatureCheck::kMismatch);
}

TEST(WebhookSignature, TheTimestampIsSigned) {
    const std::string signature = SignatureOf("whsec_a", 1'790'000'000, kBody);
    EXPECT_EQ(Verify("t=1790000001,v1=" + signature, {"whsec_a"}), SignatureCheck::kMismatch);
}

TEST(WebhookSignature, RefusesTimestampsOutsideFiveMinutesEitherWay) {
    const std::string header = SignatureHeaderValue("s", kNow, kBody);
    EXPECT_EQ(Verify(header, {"s"}, kNow + seconds{300}), SignatureCheck::kOk);
    EXPECT_EQ(Verify(header, {"s"}, kNow + seconds{301}), SignatureCheck::kStale);
    EXPECT_EQ(Verify(header, {"s"}, kNow - seconds{300}), SignatureCheck::kOk);
    EXPECT_EQ(Verify(header, {"s"}, kNow - seconds{301}), SignatureCheck::kStale);
}

TEST(WebhookSignature, MissingParts) {
    EXPECT_EQ(Verify("", {"s"}), SignatureCheck::kMissing);
    EXPECT_EQ(Verify("t=1790000000", {"s"}), SignatureCheck::kMissing);
    EXPECT_EQ(Verify("v1=" + SignatureOf("s", 1, kBody), {"s"}), SignatureCheck::kMissing);
    // An unknown scheme alone is no signature.
    EXPECT_EQ(Verify("t=1790000000,v0=abc", {"s"}), SignatureCheck::kMissing);
}

TEST(WebhookSignature, MalformedHeaders) {
    const std::string mac = SignatureOf("s", 1'790'000'000, kBody);
    EXPECT_EQ(Verify("t=1790000000;v1=" + mac, {"s"}), SignatureCheck::kMalformed);
    EXPECT_EQ(Verify("t=17900x0000,v1=" + mac, {"s"}), SignatureCheck::kMalformed);
    EXPECT_EQ(Verify("t=-1,v1=" + mac, {"s"}), SignatureCheck::kMalformed);
    EXPECT_EQ(Verify("t=1790000000,t=1790000000,v1=" + mac, {"s"}), SignatureCheck::kMalformed);
    EXPECT_EQ(Verify("t=1790000000,v1=" + mac.substr(1), {"s"}), SignatureCheck::kMalformed);
    EXPECT_EQ(Verify("t=1790000000,v1=" + mac + "00", {"s"}), SignatureCheck::kMalformed);
    EXPECT_EQ(Verify("t=1790000000,v1=zz" + mac.substr(2), {"s"}), SignatureCheck::kMalformed);
    EXPECT_EQ(Verify("t=1790000000,v1=" + mac + "," + std::string(kSignatureHeaderMax, 'x'), {"s"}),
              SignatureCheck::kMalformed);
}

}  // namespace
}  // namespace tix::payments
