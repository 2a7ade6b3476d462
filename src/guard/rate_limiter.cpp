#include "guard/rate_limiter.h"

#include <algorithm>

namespace tix::guard {
namespace {

// 64 x 64 -> 128-bit multiply, folded: the mixing step of wyhash. With keys the attacker does not
// know on both sides of the product, the set a key lands in cannot be predicted from outside.
std::uint64_t Mix(std::uint64_t a, std::uint64_t b) {
    const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
    return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

// Odd constants (from wyhash) so that a zero seed still mixes.
constexpr std::uint64_t kMix0 = 0xa0761d6478bd642full;
constexpr std::uint64_t kMix1 = 0xe7037ed1a0b428dbull;
constexpr std::uint64_t kMix2 = 0x8ebc6af09c88c6e3ull;

std::int64_t Micros(TimePoint now) {
    return std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
}

}  // namespace

// Own cache line each: IO threads on different shards do not bounce one line between cores.
struct alignas(64) RateLimiter::Shard {
    std::mutex mutex;
    std::vector<Slot> slots;  // sets_per_shard_ sets of kBucketWays, set by set
    std::uint64_t evictions = 0;
};

RateLimiter::RateLimiter(const Options& options) : seed_(options.seed) {
    const std::size_t sets =
        std::max<std::size_t>(1, (options.buckets_max + kBucketWays - 1) / kBucketWays);
    shard_count_ = std::min(kBucketShards, sets);
    sets_per_shard_ = (sets + shard_count_ - 1) / shard_count_;
    shards_ = std::make_unique<Shard[]>(shard_count_);
    for (std::size_t i = 0; i < shard_count_; ++i) {
        shards_[i].slots.resize(sets_per_shard_ * kBucketWays);
    }
}

RateLimiter::~RateLimiter() = default;

std::pair<RateLimiter::Shard*, std::size_t> RateLimiter::Locate(const BucketKey& key) const {
    const std::uint64_t subject = Mix(key.high ^ seed_[0] ^ kMix0, key.low ^ seed_[1] ^ kMix1);
    const std::uint64_t hash = Mix(subject ^ key.scope ^ kMix2, seed_[0] ^ seed_[1] ^ kMix1);
    return {&shards_[hash % shard_count_], (hash >> 32) % sets_per_shard_};
}

RateLimiter::Slot* RateLimiter::Find(Shard& shard, std::size_t set, const BucketKey& key) {
    Slot* ways = &shard.slots[set * kBucketWays];
    for (std::size_t way = 0; way < kBucketWays; ++way) {
        if (ways[way].due_us != 0 && ways[way].key == key) return &ways[way];
    }
    return nullptr;
}

RateLimiter::Slot& RateLimiter::Claim(Shard& shard, std::size_t set, const BucketKey& key) {
    Slot* ways = &shard.slots[set * kBucketWays];
    Slot* fullest = std::min_element(
        ways, ways + kBucketWays, [](const Slot& a, const Slot& b) { return a.due_us < b.due_us; });
    if (fullest->due_us != 0) ++shard.evictions;
    fullest->key = key;
    fullest->due_us = 0;
    return *fullest;
}

RateLimiter::Decision RateLimiter::Take(const BucketKey& key, const Rate& rate, TimePoint now) {
    if (!rate.enabled()) return {};
    const auto [shard, set] = Locate(key);
    std::lock_guard lock(shard->mutex);
    Slot* slot = Find(*shard, set, key);
    if (slot == nullptr) slot = &Claim(*shard, set, key);
    const Bucket bucket = Refill(*slot, rate, now);
    if (!bucket.decision.allowed) return bucket.decision;
    slot->due_us = bucket.due_us + rate.interval().count();
    return {};
}

RateLimiter::Decision RateLimiter::Peek(const BucketKey& key, const Rate& rate, TimePoint now) {
    if (!rate.enabled()) return {};
    const auto [shard, set] = Locate(key);
    std::lock_guard lock(shard->mutex);
    Slot* slot = Find(*shard, set, key);
    return slot == nullptr ? Decision{} : Refill(*slot, rate, now).decision;
}

void RateLimiter::Refund(const BucketKey& key, const Rate& rate, TimePoint now) {
    if (!rate.enabled()) return;
    const auto [shard, set] = Locate(key);
    std::lock_guard lock(shard->mutex);
    Slot* slot = Find(*shard, set, key);
    if (slot == nullptr) return;
    slot->due_us = std::max(Micros(now), slot->due_us - rate.interval().count());
}

RateLimiter::Bucket RateLimiter::Refill(Slot& slot, const Rate& rate, TimePoint now) {
    const std::int64_t now_us = Micros(now);
    const std::int64_t interval_us = rate.interval().count();
    const std::int64_t tolerance_us = interval_us * (std::int64_t{rate.burst} - 1);
    // A bucket lies at most one full drain ahead of now; more means the clock went back, which
    // must not lock a client out for the difference.
    slot.due_us = std::clamp(slot.due_us, now_us, now_us + tolerance_us + interval_us);
    Bucket bucket{.due_us = slot.due_us};
    if (slot.due_us - now_us > tolerance_us) {
        bucket.decision = {false, std::chrono::microseconds{slot.due_us - now_us - tolerance_us}};
    }
    return bucket;
}

std::uint64_t RateLimiter::evictions() const {
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < shard_count_; ++i) {
        std::lock_guard lock(shards_[i].mutex);
        total += shards_[i].evictions;
    }
    return total;
}

}  // namespace tix::guard
