// Helpers for tests that race many clients against one tixd: a start line that releases all
// threads at once, a thread-safe list of problems seen by the threads, and the seed that
// replays a randomized run. Tests only.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <latch>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace tix::test {

// Runs body(i) for every i in [0, n), each on a thread of its own; all bodies start together and
// RunTogether returns when all have finished.
template <typename Body>
void RunTogether(int n, Body body) {
    std::latch start(n);
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        threads.emplace_back([&start, &body, i] {
            start.arrive_and_wait();
            body(i);
        });
    }
    for (std::thread& thread : threads) thread.join();
}

// What the racing threads found wrong, reported by the main thread afterwards (so the report
// carries the seed).
class Problems {
  public:
    void Add(std::string problem) {
        std::lock_guard lock(mutex_);
        problems_.push_back(std::move(problem));
    }
    std::size_t size() {
        std::lock_guard lock(mutex_);
        return problems_.size();
    }
    // The first `max` problems, one a line.
    std::string Summary(std::size_t max = 20) {
        std::lock_guard lock(mutex_);
        std::ostringstream out;
        for (std::size_t i = 0; i < problems_.size() && i < max; ++i) out << problems_[i] << "\n";
        if (problems_.size() > max) out << "... and " << problems_.size() - max << " more\n";
        return out.str();
    }

  private:
    std::mutex mutex_;
    std::vector<std::string> problems_;
};

// One client's randomness, from the test seed and the client's number.
class Dice {
  public:
    explicit Dice(std::uint64_t seed) : rng_(seed) {}
    int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
    double Fraction() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
    bool Chance(double p) { return Fraction() < p; }
    std::mt19937_64& rng() { return rng_; }

  private:
    std::mt19937_64 rng_;
};

// $TIX_TEST_SEED when set (to replay a failure), else a fresh one. Failing tests print it.
inline std::uint64_t TestSeed() {
    if (const char* seed = std::getenv("TIX_TEST_SEED"); seed != nullptr && *seed != '\0') {
        return std::strtoull(seed, nullptr, 10);
    }
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
}

}  // namespace tix::test
