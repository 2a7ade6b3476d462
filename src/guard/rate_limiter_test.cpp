#include "guard/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace tix::guard {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr TimePoint kStart{milliseconds{1'796'467'800'000}};  // 2026-12-05T10:50:00Z
constexpr BucketKey kAna{0, 1, 7};
constexpr BucketKey kBob{0, 2, 7};

RateLimiter::Options Small(std::size_t buckets_max) {
    return {.buckets_max = buckets_max, .seed = {0x1234, 0x5678}};
}

TEST(RateLimiter, LetsTheBurstThroughThenOneRequestPerInterval) {
    RateLimiter limiter(Small(1024));
    const Rate rate{60, minutes{1}, 3};  // one a second, three at once
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take(kAna, rate, kStart).allowed) << i;
    const RateLimiter::Decision fourth = limiter.Take(kAna, rate, kStart);
    EXPECT_FALSE(fourth.allowed);
    EXPECT_EQ(fourth.retry_after, seconds{1});

    const RateLimiter::Decision early = limiter.Take(kAna, rate, kStart + milliseconds{999});
    EXPECT_FALSE(early.allowed);
    EXPECT_EQ(early.retry_after, milliseconds{1});
    EXPECT_TRUE(limiter.Take(kAna, rate, kStart + seconds{1}).allowed);
    EXPECT_FALSE(limiter.Take(kAna, rate, kStart + seconds{1}).allowed);

    // Idle for longer than the burst takes to refill: exactly the burst again, not more.
    const TimePoint later = kStart + minutes{10};
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take(kAna, rate, later).allowed) << i;
    EXPECT_FALSE(limiter.Take(kAna, rate, later).allowed);
}

TEST(RateLimiter, RefusedRequestsDoNotLengthenTheWait) {
    RateLimiter limiter(Small(1024));
    const Rate rate{10, hours{1}, 2};
    ASSERT_TRUE(limiter.Take(kAna, rate, kStart).allowed);
    ASSERT_TRUE(limiter.Take(kAna, rate, kStart).allowed);
    for (int i = 0; i < 100; ++i) {
        const RateLimiter::Decision refused = limiter.Take(kAna, rate, kStart);
        ASSERT_FALSE(refused.allowed);
        ASSERT_EQ(refused.retry_after, minutes{6});
    }
    EXPECT_TRUE(limiter.Take(kAna, rate, kStart + minutes{6}).allowed);
}

TEST(RateLimiter, EachKeyAndScopeHasABucketOfItsOwn) {
    RateLimiter limiter(Small(1024));
    const Rate rate{1, minutes{1}, 1};
    EXPECT_TRUE(limiter.Take(kAna, rate, kStart).allowed);
    EXPECT_FALSE(limiter.Take(kAna, rate, kStart).allowed);
    EXPECT_TRUE(limiter.Take(kBob, rate, kStart).allowed);
    BucketKey ana_elsewhere = kAna;
    ana_elsewhere.scope = 8;
    EXPECT_TRUE(limiter.Take(ana_elsewhere, rate, kStart).allowed);
    EXPECT_TRUE(limiter.Take({1, 1, 7}, rate, kStart).allowed) << "the high half counts too";
}

TEST(RateLimiter, ADisabledRateAlwaysAllowsAndKeepsNoBucket) {
    RateLimiter limiter(Small(8));
    for (int i = 0; i < 1'000; ++i) {
        EXPECT_TRUE(
            limiter.Take({0, static_cast<std::uint64_t>(i), 1}, Rate::Off(), kStart).allowed);
    }
    EXPECT_EQ(limiter.evictions(), 0u);
}

TEST(RateLimiter, ARefundGivesBackOneTokenButNeverMoreThanTheBurst) {
    RateLimiter limiter(Small(1024));
    const Rate rate{10, hours{1}, 3};
    // Refunds into a full bucket (and one never seen) change nothing.
    limiter.Refund(kAna, rate, kStart);
    ASSERT_TRUE(limiter.Take(kAna, rate, kStart).allowed);
    limiter.Refund(kAna, rate, kStart);
    limiter.Refund(kAna, rate, kStart);
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take(kAna, rate, kStart).allowed) << i;
    EXPECT_FALSE(limiter.Take(kAna, rate, kStart).allowed);

    limiter.Refund(kAna, rate, kStart);
    EXPECT_TRUE(limiter.Take(kAna, rate, kStart).allowed);
    EXPECT_FALSE(limiter.Take(kAna, rate, kStart).allowed);
}

TEST(RateLimiter, PeekSaysWhatTakeWouldWithoutTaking) {
    RateLimiter limiter(Small(1024));
    const Rate rate{60, minutes{1}, 2};
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.Peek(kAna, rate, kStart).allowed);
    EXPECT_EQ(limiter.evictions(), 0u) << "a peek at an unknown key claims no slot";
    ASSERT_TRUE(limiter.Take(kAna, rate, kStart).allowed);
    EXPECT_TRUE(limiter.Peek(kAna, rate, kStart).allowed);
    ASSERT_TRUE(limiter.Take(kAna, rate, kStart).allowed);
    const RateLimiter::Decision peeked = limiter.Peek(kAna, rate, kStart);
    EXPECT_FALSE(peeked.allowed);
    EXPECT_EQ(peeked.retry_after, seconds{1});
    EXPECT_TRUE(limiter.Peek(kAna, rate, kStart + seconds{1}).allowed);
    EXPECT_TRUE(limiter.Take(kAna, rate, kStart + seconds{1}).allowed);
    EXPECT_FALSE(limiter.Take(kAna, rate, kStart + seconds{1}).allowed);
}

TEST(RateLimiter, AClockThatGoesBackLocksNobodyOutForTheDifference) {
    RateLimiter limiter(Small(1024));
    const Rate rate{60, minutes{1}, 2};
    ASSERT_TRUE(limiter.Take(kAna, rate, kStart).allowed);
    ASSERT_TRUE(limiter.Take(kAna, rate, kStart).allowed);
    const RateLimiter::Decision after_step_back = limiter.Take(kAna, rate, kStart - hours{1});
    EXPECT_FALSE(after_step_back.allowed);
    EXPECT_EQ(after_step_back.retry_after, seconds{1}) << "one interval, not an hour and one";
    EXPECT_TRUE(limiter.Take(kAna, rate, kStart - hours{1} + seconds{1}).allowed);
}

TEST(RateLimiter, MemoryStaysFixedWhateverTheNumberOfKeys) {
    RateLimiter limiter(Small(1'000));
    const std::size_t capacity = limiter.capacity();
    EXPECT_GE(capacity, 1'000u);
    EXPECT_LT(capacity, 1'000u + kBucketShards * kBucketWays);
    const Rate rate{5, minutes{1}, 5};
    constexpr std::uint64_t kKeys = 200'000;
    for (std::uint64_t i = 0; i < kKeys; ++i) {
        ASSERT_TRUE(limiter.Take({i, i, 1}, rate, kStart).allowed);
    }
    EXPECT_EQ(limiter.capacity(), capacity);
    EXPECT_GE(limiter.evictions(), kKeys - capacity);
}

// An attacker rotating addresses brings a new key per request; the client it would like to set
// free (a drained bucket) must stay limited.
TEST(RateLimiter, AFloodOfNewKeysDoesNotEvictADrainedBucket) {
    RateLimiter limiter(Small(kBucketWays));  // one set: every key competes for the same slots
    const Rate rate{10, hours{1}, 5};
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter.Take(kAna, rate, kStart).allowed);
    ASSERT_FALSE(limiter.Take(kAna, rate, kStart).allowed);
    for (std::uint64_t i = 0; i < 10'000; ++i) {
        EXPECT_TRUE(limiter.Take({i, i, 9}, rate, kStart + milliseconds(i)).allowed);
    }
    EXPECT_FALSE(limiter.Take(kAna, rate, kStart + seconds{10}).allowed);
    EXPECT_GE(limiter.evictions(), 10'000u - kBucketWays);
}

TEST(RateLimiter, ANewKeyTakesTheSlotOfTheFullestBucket) {
    RateLimiter limiter(Small(kBucketWays));
    const Rate rate{60, minutes{1}, 2};
    // Key 0 was used long ago (full again by now); keys 1..7 are drained now.
    ASSERT_TRUE(limiter.Take({0, 0, 1}, rate, kStart).allowed);
    const TimePoint now = kStart + hours{1};
    for (std::uint64_t key = 1; key < kBucketWays; ++key) {
        ASSERT_TRUE(limiter.Take({0, key, 1}, rate, now).allowed);
        ASSERT_TRUE(limiter.Take({0, key, 1}, rate, now).allowed);
    }
    ASSERT_TRUE(limiter.Take(kAna, rate, now).allowed);
    EXPECT_EQ(limiter.evictions(), 1u);
    for (std::uint64_t key = 1; key < kBucketWays; ++key) {
        EXPECT_FALSE(limiter.Take({0, key, 1}, rate, now).allowed) << key << " kept its bucket";
    }
}

// The buckets are shared by every IO thread: under contention a bucket still lets through
// exactly its burst, no request more or less.
TEST(RateLimiter, ThreadsTakingFromTheSameBucketsGetExactlyTheBurst) {
    RateLimiter limiter(Small(4'096));
    const Rate rate{1'000, hours{1}, 1'000};
    constexpr int kThreads = 4;
    constexpr int kKeys = 16;
    constexpr int kTakesPerThread = 8'000;
    std::atomic<int> allowed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            int mine = 0;
            for (int i = 0; i < kTakesPerThread; ++i) {
                const BucketKey key{0, static_cast<std::uint64_t>((i + t) % kKeys), 3};
                mine += limiter.Take(key, rate, kStart).allowed ? 1 : 0;
            }
            allowed += mine;
        });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(allowed.load(), kKeys * 1'000);
}

}  // namespace
}  // namespace tix::guard
