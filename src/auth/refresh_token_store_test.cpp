#include "auth/refresh_token_store.h"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "auth/sync_testing.h"
#include "common/temp_dir.h"

namespace tix::auth {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kNow = FromUnixMillis(1'796'467'800'000);  // 2026-12-05T10:50:00Z
constexpr UserId kAna{7};
constexpr UserId kBob{8};

class RefreshTokenStoreTest : public ::testing::Test {
  protected:
    RefreshTokenStoreTest() { Reopen(); }
    void Reopen() {
        store_.reset();
        auto store = RefreshTokenStore::Open(dir_.File("tix.db"), std::chrono::days(30));
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
    }
    std::string Issue(UserId user_id, TimePoint now = kNow) {
        auto issued = store_->Issue(user_id, now);
        EXPECT_TRUE(issued.ok()) << issued.status().ToString();
        return issued.ok() ? issued->token : std::string();
    }
    RefreshResult Rotate(std::string_view token, TimePoint now) {
        auto result = store_->Rotate(token, now);
        EXPECT_TRUE(result.ok()) << result.status().ToString();
        return result.ok() ? *result : RefreshResult{};
    }

    TempDir dir_;
    std::unique_ptr<RefreshTokenStore> store_;
};

TEST_F(RefreshTokenStoreTest, TokensAre32RandomBytesInBase64Url) {
    const std::string a = Issue(kAna);
    const std::string b = Issue(kAna);
    EXPECT_EQ(a.size(), kRefreshTokenChars);
    EXPECT_EQ(
        a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos)
        << a;
    EXPECT_NE(a, b);
}

TEST_F(RefreshTokenStoreTest, RotationUsesTheTokenUpAndIssuesTheNext) {
    const std::string first = Issue(kAna);
    const RefreshResult rotated = Rotate(first, kNow + 1h);
    ASSERT_EQ(rotated.outcome, RefreshOutcome::kRotated);
    EXPECT_EQ(rotated.user_id, kAna);
    EXPECT_NE(rotated.next.token, first);
    EXPECT_EQ(rotated.next.expires_at, kNow + 1h + std::chrono::days(30)) << "a fresh lifetime";

    // The next one works, and so on down the chain.
    const RefreshResult again = Rotate(rotated.next.token, kNow + 2h);
    ASSERT_EQ(again.outcome, RefreshOutcome::kRotated);
    EXPECT_EQ(again.user_id, kAna);
}

TEST_F(RefreshTokenStoreTest, AUsedTokenPresentedAgainWithinTheGraceIsRefusedAndRevokesNothing) {
    const std::string first = Issue(kAna);
    const RefreshResult rotated = Rotate(first, kNow);
    ASSERT_TRUE(rotated.ok());
    EXPECT_EQ(Rotate(first, kNow + kRefreshReuseGrace - 1ms).outcome,
              RefreshOutcome::kRecentlyUsed);
    EXPECT_EQ(Rotate(rotated.next.token, kNow + 1s).outcome, RefreshOutcome::kRotated)
        << "the racing client's own successor still works";
}

TEST_F(RefreshTokenStoreTest, AUsedTokenPresentedAgainLaterRevokesItsWholeFamily) {
    const std::string first = Issue(kAna);
    const std::string other_login = Issue(kAna);
    const std::string bobs = Issue(kBob);
    const RefreshResult second = Rotate(first, kNow);
    ASSERT_TRUE(second.ok());
    const RefreshResult third = Rotate(second.next.token, kNow + 1h);
    ASSERT_TRUE(third.ok());

    // Someone presents the first token again, long after it was used: theft.
    const RefreshResult reused = Rotate(first, kNow + 2h);
    EXPECT_EQ(reused.outcome, RefreshOutcome::kReused);
    EXPECT_EQ(reused.user_id, kAna);
    // Every token of that login is revoked: the thief's and the owner's alike.
    EXPECT_EQ(Rotate(third.next.token, kNow + 2h).outcome, RefreshOutcome::kRevoked);
    EXPECT_EQ(Rotate(second.next.token, kNow + 2h).outcome, RefreshOutcome::kRevoked);
    EXPECT_EQ(Rotate(first, kNow + 3h).outcome, RefreshOutcome::kRevoked);
    // Another login of the same user, and other users, are untouched.
    EXPECT_EQ(Rotate(other_login, kNow + 2h).outcome, RefreshOutcome::kRotated);
    EXPECT_EQ(Rotate(bobs, kNow + 2h).outcome, RefreshOutcome::kRotated);
}

TEST_F(RefreshTokenStoreTest, ATokenExpiresAtTheEndOfItsLifetime) {
    const std::string token = Issue(kAna);
    const std::string other = Issue(kAna);
    EXPECT_EQ(Rotate(token, kNow + std::chrono::days(30)).outcome, RefreshOutcome::kExpired);
    EXPECT_EQ(Rotate(other, kNow + std::chrono::days(30) - 1ms).outcome, RefreshOutcome::kRotated);
}

TEST_F(RefreshTokenStoreTest, UnknownTokensAreUnknown) {
    Issue(kAna);
    for (const std::string& token : {std::string(), std::string(kRefreshTokenChars, 'A'),
                                     std::string("not a token"), std::string(4096, 'x')}) {
        const RefreshResult result = Rotate(token, kNow);
        EXPECT_EQ(result.outcome, RefreshOutcome::kUnknown) << token;
        EXPECT_EQ(result.user_id, UserId{}) << token;
    }
}

TEST_F(RefreshTokenStoreTest, LogoutRevokesTheFamilyOnly) {
    const std::string token = Issue(kAna);
    const RefreshResult next = Rotate(token, kNow);
    ASSERT_TRUE(next.ok());
    const std::string other_login = Issue(kAna);
    ASSERT_TRUE(store_->RevokeFamily(token, kNow + 1s).ok()) << "the used one names the family";
    EXPECT_EQ(Rotate(next.next.token, kNow + 2s).outcome, RefreshOutcome::kRevoked);
    EXPECT_EQ(Rotate(other_login, kNow + 2s).outcome, RefreshOutcome::kRotated);
    EXPECT_TRUE(store_->RevokeFamily("unknown", kNow).ok());
    EXPECT_TRUE(store_->RevokeFamily(token, kNow + 3s).ok()) << "again: no error";
}

TEST_F(RefreshTokenStoreTest, RevokingAUserRevokesEveryTokenOfIt) {
    const std::string a1 = Issue(kAna);
    const std::string a2 = Issue(kAna);
    const RefreshResult a3 = Rotate(Issue(kAna), kNow);
    ASSERT_TRUE(a3.ok());
    const std::string bobs = Issue(kBob);
    const Result<std::size_t> revoked = store_->RevokeUser(kAna, kNow + 1s);
    ASSERT_TRUE(revoked.ok());
    EXPECT_EQ(*revoked, 4u) << "three live and one used";
    for (const std::string& token : {a1, a2, a3.next.token}) {
        EXPECT_EQ(Rotate(token, kNow + 2s).outcome, RefreshOutcome::kRevoked);
    }
    EXPECT_EQ(Rotate(bobs, kNow + 2s).outcome, RefreshOutcome::kRotated);
    EXPECT_EQ(*store_->RevokeUser(kAna, kNow + 3s), 0u) << "nothing left to revoke";
}

TEST_F(RefreshTokenStoreTest, TokensAndTheirStateSurviveAReopen) {
    const std::string first = Issue(kAna);
    const RefreshResult second = Rotate(first, kNow);
    ASSERT_TRUE(second.ok());
    const std::string revoked = Issue(kBob);
    ASSERT_TRUE(store_->RevokeFamily(revoked, kNow).ok());
    Reopen();
    EXPECT_EQ(Rotate(revoked, kNow + 1s).outcome, RefreshOutcome::kRevoked);
    EXPECT_EQ(Rotate(first, kNow + 1s).outcome, RefreshOutcome::kRecentlyUsed);
    const RefreshResult third = Rotate(second.next.token, kNow + 1s);
    ASSERT_EQ(third.outcome, RefreshOutcome::kRotated);
    EXPECT_EQ(third.user_id, kAna);
    EXPECT_EQ(Rotate(first, kNow + 1h).outcome, RefreshOutcome::kReused);
    Reopen();
    EXPECT_EQ(Rotate(third.next.token, kNow + 2h).outcome, RefreshOutcome::kRevoked);
}

// Whoever reads the database files learns no token: only SHA-256 hashes are written.
TEST_F(RefreshTokenStoreTest, OnlyTheHashOfATokenIsStored) {
    const std::string token = Issue(kAna);
    const RefreshResult next = Rotate(Issue(kBob), kNow);
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(RefreshTokenHash(token).size(), 64u);
    EXPECT_NE(RefreshTokenHash(token), RefreshTokenHash(next.next.token));
    std::string bytes;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
        std::ifstream file(entry.path(), std::ios::binary);
        bytes.append(std::istreambuf_iterator<char>(file), {});
    }
    ASSERT_NE(bytes.find(RefreshTokenHash(token)), std::string::npos) << "the hash is stored";
    EXPECT_EQ(bytes.find(token), std::string::npos);
    EXPECT_EQ(bytes.find(next.next.token), std::string::npos);
}

TEST_F(RefreshTokenStoreTest, PruneDeletesExpiredTokensOnly) {
    const std::string old_token = Issue(kAna, kNow);
    const std::string young = Issue(kAna, kNow + std::chrono::days(10));
    const Result<std::size_t> pruned = store_->Prune(kNow + std::chrono::days(30));
    ASSERT_TRUE(pruned.ok());
    EXPECT_EQ(*pruned, 1u);
    EXPECT_EQ(Rotate(old_token, kNow).outcome, RefreshOutcome::kUnknown) << "gone";
    EXPECT_EQ(Rotate(young, kNow + std::chrono::days(30)).outcome, RefreshOutcome::kRotated);
}

// Two requests with the same token at once: one rotation wins, the other finds it used — never
// two successors of one token.
TEST_F(RefreshTokenStoreTest, OfTwoConcurrentRotationsOfATokenExactlyOneSucceeds) {
    constexpr int kRounds = 20;
    for (int round = 0; round < kRounds; ++round) {
        const std::string token = Issue(kAna);
        test_support::Gate start;
        std::array<RefreshOutcome, 2> outcomes{};
        std::array<std::thread, 2> threads;
        for (std::size_t i = 0; i < threads.size(); ++i) {
            threads[i] = std::thread([&, i] {
                ASSERT_TRUE(start.Wait());
                auto result = store_->Rotate(token, kNow);
                ASSERT_TRUE(result.ok());
                outcomes[i] = result->outcome;
            });
        }
        start.Open();
        for (std::thread& thread : threads) thread.join();
        std::multiset<RefreshOutcome> seen(outcomes.begin(), outcomes.end());
        EXPECT_EQ(seen.count(RefreshOutcome::kRotated), 1u) << "round " << round;
        EXPECT_EQ(seen.count(RefreshOutcome::kRecentlyUsed), 1u) << "round " << round;
    }
}

}  // namespace
}  // namespace tix::auth
