#include "pow_solver.h"

#include <gtest/gtest.h>

#include <string>

namespace tix::bench {
namespace {

TEST(PowSolver, FindsTheFirstNonceAsPythonsHashlibDoes) {
    // The docs/api.md one-liner gives these: the first decimal nonce with enough zero bits.
    EXPECT_EQ(SolveProofOfWork("tix", 12), "3564");                  // SHA-256 0005832b...
    EXPECT_EQ(SolveProofOfWork(std::string(88, 'A'), 8), "534");     // 0092fe50...
    EXPECT_EQ(SolveProofOfWork(std::string(88, 'A'), 16), "12350");  // 00001a94...
}

TEST(PowSolver, TheNonceHoldsForAnyChallengeLength) {
    // Shorter than, a multiple of and longer than a SHA-256 block: the shortcut must not care.
    for (const std::string& challenge :
         {std::string("short"), std::string(64, 'Q'), std::string(130, 'z')}) {
        for (const unsigned bits : {0u, 1u, 8u, 12u}) {
            const std::string nonce = SolveProofOfWork(challenge, bits);
            EXPECT_TRUE(ProofHolds(challenge, nonce, bits)) << challenge << " bits " << bits;
        }
    }
}

TEST(PowSolver, ZeroBitsTakesTheFirstNonce) { EXPECT_EQ(SolveProofOfWork("abc", 0), "0"); }

TEST(ProofHolds, CountsLeadingZeroBitsOfTheWholeHash) {
    EXPECT_TRUE(ProofHolds("tix", "3564", 12));
    EXPECT_TRUE(ProofHolds("tix", "3564", 13)) << "0x0005... has 13 leading zero bits";
    EXPECT_FALSE(ProofHolds("tix", "3564", 14));
    EXPECT_FALSE(ProofHolds("ab", "c", 1)) << "SHA-256(abc) = ba78...";
    EXPECT_FALSE(ProofHolds("tix", "3564", 257)) << "more bits than a digest has";
}

}  // namespace
}  // namespace tix::bench
