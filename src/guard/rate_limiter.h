// RateLimiter: token buckets in a table of fixed size, for the limits at tixd's edge (requests per
// client address and per account, failed logins, sign-ups). The caller names a bucket by a
// BucketKey, says which Rate applies and what time it is; the limiter answers whether one more
// request fits and, if not, how long until one does. It reads no clock.
//
// Each bucket is one number, its "theoretical arrival time" (the generic cell rate algorithm,
// which is a token bucket): a request is let through while that time is within the burst's
// tolerance of now, and moves it one interval on. A refused request changes nothing, so
// hammering a full bucket does not lengthen the wait.
//
// Memory is fixed at construction: an attacker rotating addresses cannot grow it. The table is
// set-associative (kBucketWays buckets per set, a keyed hash picks the set); a new key takes the
// slot of the fullest bucket of its set, the one whose time lies furthest back. A full bucket says
// nothing a new one would not, so that is usually free; under a flood of new keys it is the
// flood's own barely used buckets that go, while drained ones (the clients being limited) stay.
// The hash is keyed by a seed the caller draws at random, so nobody can aim keys at one set.
//
// Thread-safe: every method may be called from any number of threads. The sets are split over
// kBucketShards mutexes, each held for one set's lookup (a few dozen nanoseconds), never across IO.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "common/time.h"
#include "guard/rate.h"

namespace tix::guard {

using tix::TimePoint;

// What a bucket counts: 128 bits of subject (an address, an account id, a keyed hash of an
// email) and a scope the caller chooses (which limit: per address or per account, which class of
// endpoint), so that one table can hold several limits without their buckets meeting.
struct BucketKey {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    std::uint32_t scope = 0;

    friend bool operator==(const BucketKey&, const BucketKey&) = default;
};

inline constexpr std::size_t kBucketWays = 8;
inline constexpr std::size_t kBucketShards = 64;
// ~4 MiB of buckets (32 bytes each): far more clients than one tixd serves at once.
inline constexpr std::size_t kBucketsDefault = 131'072;

class RateLimiter {
  public:
    struct Options {
        // Rounded up to whole sets of kBucketWays; at least one set.
        std::size_t buckets_max = kBucketsDefault;
        // Keys the hash that picks a key's set: draw it at random in production.
        std::array<std::uint64_t, 2> seed{};
    };

    struct Decision {
        bool allowed = true;
        // When refused: how long until the bucket lets one request through.
        std::chrono::microseconds retry_after{0};
    };

    explicit RateLimiter(const Options& options);
    ~RateLimiter();
    RateLimiter(const RateLimiter&) = delete;
    RateLimiter& operator=(const RateLimiter&) = delete;

    // Takes one request's token from the bucket of `key`, filled at `rate`. A disabled rate
    // always allows and touches nothing. REQUIRES: the same key is always used with one rate.
    Decision Take(const BucketKey& key, const Rate& rate, TimePoint now);

    // Whether Take would let a request through now, without taking anything (a key the table
    // does not hold has a full bucket).
    Decision Peek(const BucketKey& key, const Rate& rate, TimePoint now);

    // Gives back one token that Take gave (for a login that turned out right: only failures
    // count). Nothing when the bucket has since been evicted or is full.
    void Refund(const BucketKey& key, const Rate& rate, TimePoint now);

    std::size_t capacity() const { return shard_count_ * sets_per_shard_ * kBucketWays; }
    // How many buckets were taken over by another key so far (for tests and logs).
    std::uint64_t evictions() const;

  private:
    struct Slot {
        BucketKey key;
        std::int64_t due_us = 0;  // the theoretical arrival time; 0: empty slot
    };
    struct Shard;
    // A slot's bucket brought up to `now`.
    struct Bucket {
        std::int64_t due_us = 0;
        Decision decision;
    };

    // The slot of `key` in its set, or null. REQUIRES: the shard's mutex held.
    static Slot* Find(Shard& shard, std::size_t set, const BucketKey& key);
    // The set's fullest slot (its time furthest back), emptied and made over to `key`.
    // REQUIRES: the shard's mutex held; `key` is not in the set.
    static Slot& Claim(Shard& shard, std::size_t set, const BucketKey& key);
    // Brings the slot's time up to now (never further back than a full drain) and says whether
    // one more request fits. REQUIRES: the slot's shard mutex held.
    static Bucket Refill(Slot& slot, const Rate& rate, TimePoint now);
    // The shard and the set within it that hold `key`.
    std::pair<Shard*, std::size_t> Locate(const BucketKey& key) const;

    const std::array<std::uint64_t, 2> seed_;
    std::size_t shard_count_ = 0;
    std::size_t sets_per_shard_ = 0;
    std::unique_ptr<Shard[]> shards_;
};

}  // namespace tix::guard
