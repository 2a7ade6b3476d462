#include "engine/challenge_ledger.h"

#include <gtest/gtest.h>

#include <map>

namespace tix::engine {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr TimePoint kNow = TimePoint{} + std::chrono::hours(24 * 365 * 50);

TEST(ChallengeLedger, AChallengeIsUsableOnce) {
    ChallengeLedger ledger;
    EXPECT_TRUE(ledger.Use(7, kNow + minutes(2), kNow));
    EXPECT_FALSE(ledger.Use(7, kNow + minutes(2), kNow + seconds(1)));
    EXPECT_TRUE(ledger.Use(8, kNow + minutes(2), kNow + seconds(1)));
    EXPECT_TRUE(ledger.WasUsed(7));
    EXPECT_FALSE(ledger.WasUsed(9));
    EXPECT_EQ(ledger.size(), 2u);
}

TEST(ChallengeLedger, RemembersUntilExpiryAndForgetsWithinALifetimeAfter) {
    ChallengeLedger ledger;
    const TimePoint expires = kNow + minutes(3);
    ASSERT_TRUE(ledger.Use(1, expires, kNow));
    // Still remembered at every time up to its expiry, whatever else is used.
    for (TimePoint t = kNow; t < expires; t += seconds(10)) {
        EXPECT_FALSE(ledger.Use(1, t + seconds(1), t)) << (t - kNow).count();
        ledger.Use(1'000 + (t - kNow).count(), t + seconds(30), t);
    }
    // A lifetime after its expiry its generation is gone.
    const TimePoint later = expires + kChallengeLifetimeMax;
    EXPECT_TRUE(ledger.Use(2, later + seconds(1), later));
    EXPECT_FALSE(ledger.WasUsed(1));
}

TEST(ChallengeLedger, MemoryIsBoundedByOneLifetimeOfJoins) {
    ChallengeLedger ledger;
    std::size_t most = 0;
    // 100 challenges a minute, each living 5 minutes, for an hour: at most three lifetimes'
    // worth (two live generations and one about to go) are ever kept.
    for (int minute = 0; minute < 60; ++minute) {
        for (int i = 0; i < 100; ++i) {
            const TimePoint now = kNow + minutes(minute) + std::chrono::milliseconds(i);
            ASSERT_TRUE(ledger.Use(minute * 1'000 + i + 1, now + minutes(5), now));
        }
        most = std::max(most, ledger.size());
    }
    EXPECT_LE(most, 3u * 100 * 10);
    EXPECT_LT(ledger.size(), 60u * 100 / 2);
}

TEST(ChallengeLedger, RestoreRemembersAndForEachListsEachWithAnExpiryNoEarlier) {
    ChallengeLedger ledger;
    ledger.Restore(5, kNow + minutes(1));
    ledger.Restore(6, kNow + minutes(9));
    ledger.Restore(5, kNow + minutes(1));  // twice: once
    EXPECT_FALSE(ledger.Use(5, kNow + minutes(1), kNow));
    std::map<std::uint64_t, TimePoint> listed;
    ledger.ForEach([&](std::uint64_t challenge, TimePoint end) { listed[challenge] = end; });
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_GE(listed[5], kNow + minutes(1));
    EXPECT_LE(listed[5], kNow + minutes(1) + kChallengeLifetimeMax);
    EXPECT_GE(listed[6], kNow + minutes(9));
    // Restored from what it lists, a ledger lists the same.
    ChallengeLedger again;
    for (const auto& [challenge, expires_at] : listed) again.Restore(challenge, expires_at);
    std::map<std::uint64_t, TimePoint> relisted;
    again.ForEach([&](std::uint64_t challenge, TimePoint end) { relisted[challenge] = end; });
    EXPECT_EQ(relisted, listed);
}

TEST(ChallengeLedger, KeepsChallengesExpiringBeforeTheEpoch) {
    ChallengeLedger ledger;
    const TimePoint early = TimePoint{} - minutes(30);
    EXPECT_TRUE(ledger.Use(3, early + minutes(1), early));
    EXPECT_FALSE(ledger.Use(3, early + minutes(1), early + seconds(1)));
}

TEST(ChallengeLedgerDeathTest, UseOutsideTheLifetimeAborts) {
    ChallengeLedger ledger;
    EXPECT_DEATH(ledger.Use(1, kNow, kNow), "outside its lifetime");
    EXPECT_DEATH(ledger.Use(1, kNow + kChallengeLifetimeMax + seconds(1), kNow),
                 "outside its lifetime");
}

}  // namespace
}  // namespace tix::engine
