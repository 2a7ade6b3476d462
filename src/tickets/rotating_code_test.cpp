#include "tickets/rotating_code.h"

#include <gtest/gtest.h>

#include "tickets/tickets_testing.h"

namespace tix::tickets {
namespace {

using testing::MasterKey;
using testing::TicketIdOf;

using std::chrono::milliseconds;
using std::chrono::seconds;

// The start of step 119,333,333 (1,789,999,995 s).
const TimePoint kStepStart = TimePoint{seconds{119'333'333ll * 15}};

TicketCodeSecret SecretOf(std::uint8_t ticket) {
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{7});
    return DeriveTicketCodeSecret(keys.rotation_key, TicketIdOf(ticket));
}

TEST(RotatingCode, StepsAreFifteenSecondsFromTheEpoch) {
    EXPECT_EQ(StepAt(FromUnixMillis(0)), 0);
    EXPECT_EQ(StepAt(FromUnixMillis(14'999)), 0);
    EXPECT_EQ(StepAt(FromUnixMillis(15'000)), 1);
    EXPECT_EQ(StepAt(FromUnixMillis(-1)), -1);  // rounded down, not toward zero
    EXPECT_EQ(StepAt(kStepStart), 119'333'333);
    EXPECT_EQ(StepAt(kStepStart - milliseconds{1}), 119'333'332);
}

TEST(RotatingCode, MatchesAnIndependentHmacSha256) {
    // From Python, not this code: secret = blake2b(ticket id, key=rotation key, digest_size=32),
    // then int.from_bytes(hmac.new(secret, struct.pack(">q", step), "sha256").digest()[:4], "big")
    EXPECT_EQ(CodeAt(SecretOf(3), 119'333'333), 3'640'954'177u);
}

TEST(RotatingCode, AcceptsThisStepAndThePreviousOneOnly) {
    const TicketCodeSecret secret = SecretOf(3);
    const std::uint32_t code = CurrentCode(secret, kStepStart);
    EXPECT_TRUE(AcceptCode(secret, code, kStepStart));
    EXPECT_TRUE(AcceptCode(secret, code, kStepStart + seconds{14}));
    // The next step: the code shown a moment ago still passes.
    EXPECT_TRUE(AcceptCode(secret, code, kStepStart + seconds{15}));
    EXPECT_TRUE(AcceptCode(secret, code, kStepStart + seconds{29} + milliseconds{999}));
    // Two steps later: a screenshot is dead within 30 s.
    EXPECT_FALSE(AcceptCode(secret, code, kStepStart + seconds{30}));
    EXPECT_FALSE(AcceptCode(secret, code, kStepStart + seconds{3600}));
    // A step early: a code from the future (a phone whose clock runs ahead) is refused too.
    EXPECT_FALSE(AcceptCode(secret, code, kStepStart - milliseconds{1}));
}

TEST(RotatingCode, AnotherTicketsCodeIsRefused) {
    const std::uint32_t code = CurrentCode(SecretOf(3), kStepStart);
    EXPECT_FALSE(AcceptCode(SecretOf(4), code, kStepStart));
    EXPECT_NE(CurrentCode(SecretOf(4), kStepStart), code);
}

TEST(RotatingCode, AnotherEventsRotationKeyGivesOtherSecrets) {
    const EventKeys event_8 = DeriveEventKeys(MasterKey(1), EventId{8});
    const TicketCodeSecret other = DeriveTicketCodeSecret(event_8.rotation_key, TicketIdOf(3));
    EXPECT_FALSE(other == SecretOf(3));
    EXPECT_FALSE(AcceptCode(other, CurrentCode(SecretOf(3), kStepStart), kStepStart));
}

TEST(RotatingCode, CodesChangeEveryStep) {
    const TicketCodeSecret secret = SecretOf(3);
    for (std::int64_t step = 0; step < 100; ++step) {
        EXPECT_NE(CodeAt(secret, step), CodeAt(secret, step + 1)) << step;
    }
}

}  // namespace
}  // namespace tix::tickets
