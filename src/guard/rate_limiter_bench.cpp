// ns per RateLimiter::Take, the cost every request pays at tixd's edge (two takes: its address
// and its account). Run a Release build: build/release/src/guard/rate_limiter_bench
//   Take/HotKeys:     a few thousand clients, every bucket found in its set
//   Take/NewKeys:     every request a new key (an address-rotation flood): each one evicts
//   Take/HotKeys with threads: IO threads contending for the shard mutexes
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "guard/rate_limiter.h"

namespace tix::guard {
namespace {

constexpr TimePoint kStart{std::chrono::milliseconds{1'800'000'000'000}};
constexpr std::uint64_t kHotKeys = 4'096;
const Rate kRate = Rate::PerMinute(600);

RateLimiter& SharedLimiter() {
    static RateLimiter limiter({.buckets_max = kBucketsDefault, .seed = {0x9e37, 0x79b9}});
    return limiter;
}

void BM_TakeHotKeys(benchmark::State& state) {
    RateLimiter& limiter = SharedLimiter();
    std::uint64_t i = static_cast<std::uint64_t>(state.thread_index()) * 7'919;
    std::int64_t ms = 0;
    for (auto _ : state) {
        const BucketKey key{0x20010db8'00000000ull, (i * 2'654'435'761ull) % kHotKeys, 1};
        // The clock moves a millisecond per 64 requests, so buckets refill as they would.
        const TimePoint now = kStart + std::chrono::milliseconds{ms};
        benchmark::DoNotOptimize(limiter.Take(key, kRate, now));
        ++i;
        ms += (i % 64) == 0;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TakeHotKeys)->Name("Take/HotKeys");
BENCHMARK(BM_TakeHotKeys)->Name("Take/HotKeys")->Threads(2);
BENCHMARK(BM_TakeHotKeys)->Name("Take/HotKeys")->Threads(4);

void BM_TakeNewKeys(benchmark::State& state) {
    RateLimiter limiter({.buckets_max = kBucketsDefault, .seed = {0x9e37, 0x79b9}});
    std::uint64_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(limiter.Take({i, i, 1}, kRate, kStart));
        ++i;
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["evictions"] = static_cast<double>(limiter.evictions());
}
BENCHMARK(BM_TakeNewKeys)->Name("Take/NewKeys");

}  // namespace
}  // namespace tix::guard

BENCHMARK_MAIN();
