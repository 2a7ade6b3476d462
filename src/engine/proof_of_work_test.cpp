#include "engine/proof_of_work.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/sha256.h"

namespace tix::engine {
namespace {

// Digests computed in the shell, e.g. `printf 'abc1' | sha256sum`.
TEST(Sha256, MatchesKnownDigests) {
    EXPECT_EQ(ToHex(Sha256("", "")),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(ToHex(Sha256("ab", "c")),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(ToHex(Sha256("abc", "1")),
              "dbfcfd0d87220f629339bd3adcf452d083fde3246625fb3a93e314f833e20d37");
}

constexpr std::string_view kChallenge = "tix:event-1:challenge-42";

TEST(ProofOfWork, CountsLeadingZeroBitsOfKnownDigests) {
    // printf 'tix:event-1:challenge-4221' | sha256sum -> 14c3...: 0x14 = 0001 0100
    EXPECT_EQ(LeadingZeroBits(Sha256(kChallenge, "21")), 3u);
    // -> 0036b2...: 8 + 2
    EXPECT_EQ(LeadingZeroBits(Sha256(kChallenge, "22")), 10u);
    // -> 0001fd...: 8 + 7
    EXPECT_EQ(LeadingZeroBits(Sha256(kChallenge, "4729")), 15u);
    // -> 00001018...: 16 + 3
    EXPECT_EQ(LeadingZeroBits(Sha256(kChallenge, "126107")), 19u);
    EXPECT_EQ(LeadingZeroBits(Sha256("abc", "1")), 0u);  // dbfc...
    EXPECT_EQ(LeadingZeroBits(Sha256Digest{}), 256u);
}

TEST(ProofOfWork, AcceptsExactlyUpToTheDigestsZeroBits) {
    EXPECT_TRUE(HasLeadingZeroBits(kChallenge, "22", 0));
    EXPECT_TRUE(HasLeadingZeroBits(kChallenge, "22", 10));
    EXPECT_FALSE(HasLeadingZeroBits(kChallenge, "22", 11));
    EXPECT_TRUE(HasLeadingZeroBits(kChallenge, "126107", 19));
    EXPECT_FALSE(HasLeadingZeroBits(kChallenge, "126107", 20));
    EXPECT_FALSE(HasLeadingZeroBits(kChallenge, "126107", 257));
    EXPECT_FALSE(HasLeadingZeroBits("abc", "1", 1));
}

TEST(ProofOfWork, HashesChallengeThenNonceWithoutSeparator) {
    // "tix:event-1:challenge-4" + "22" is not "tix:event-1:challenge-42" + "2".
    EXPECT_TRUE(HasLeadingZeroBits("tix:event-1:challenge-4", "222", 10));
    EXPECT_FALSE(HasLeadingZeroBits(kChallenge, "2", 10));
}

TEST(ProofOfWork, RefusesNoncesOutside1To64Characters) {
    EXPECT_FALSE(HasLeadingZeroBits(kChallenge, "", 0));
    EXPECT_TRUE(HasLeadingZeroBits(kChallenge, std::string(kPowNonceLengthMax, 'x'), 0));
    EXPECT_FALSE(HasLeadingZeroBits(kChallenge, std::string(kPowNonceLengthMax + 1, 'x'), 0));
    // Characters, not bytes: 64 two-byte characters are a valid nonce, 65 are not.
    std::string accents;
    for (std::size_t i = 0; i < kPowNonceLengthMax; ++i) accents += "\xC3\xA9";  // U+00E9
    EXPECT_TRUE(IsValidNonce(accents));
    EXPECT_FALSE(IsValidNonce(accents + "\xC3\xA9"));
}

TEST(ProofOfWork, SolverFindsTheFirstDecimalNonce) {
    EXPECT_EQ(SolveProofOfWork(kChallenge, 0), "0");
    EXPECT_EQ(SolveProofOfWork(kChallenge, 8), "22");
    EXPECT_EQ(SolveProofOfWork(kChallenge, 12), "4729");
    for (const std::string challenge : {"a", "b", "tix:7:99"}) {
        const std::string nonce = SolveProofOfWork(challenge, 10);
        EXPECT_TRUE(HasLeadingZeroBits(challenge, nonce, 10)) << challenge;
    }
}

TEST(ProofOfWorkDeathTest, SolverRefusesMoreBitsThanAJoinMayAsk) {
    EXPECT_DEATH(SolveProofOfWork(kChallenge, kPowBitsMax + 1), "proof-of-work bits");
}

}  // namespace
}  // namespace tix::engine
