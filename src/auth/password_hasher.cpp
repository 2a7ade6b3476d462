#include "auth/password_hasher.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "auth/sodium_setup.h"

namespace tix::auth {

// A fixed set of threads over a bounded FIFO of jobs.
class PasswordHasher::Pool {
  public:
    Pool(std::size_t threads, std::size_t queue_max) : queue_max_(queue_max) {
        for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
    }
    ~Pool() { Stop(); }

    void Stop() {
        std::deque<std::function<void()>> dropped;
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            dropped.swap(jobs_);
        }
        ready_.notify_all();
        std::lock_guard join_lock(join_mutex_);
        for (auto& thread : threads_) {
            if (thread.joinable()) thread.join();
        }
        // `dropped` dies here, outside the lock: its callbacks may do anything.
    }

    bool Submit(std::function<void()> job) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_ || jobs_.size() >= queue_max_) return false;
            jobs_.push_back(std::move(job));
        }
        ready_.notify_one();
        return true;
    }

  private:
    void Work() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                if (stopping_) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            try {
                job();
            } catch (const std::exception& e) {
                spdlog::error("password hasher: job threw: {}", e.what());
            } catch (...) {
                spdlog::error("password hasher: job threw");
            }
        }
    }

    const std::size_t queue_max_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;  // guarded by mutex_
    bool stopping_ = false;                   // guarded by mutex_
    std::mutex join_mutex_;                   // concurrent Stop calls join once
    std::vector<std::thread> threads_;
};

namespace {

struct Limits {
    unsigned long long ops;
    std::size_t memory;
};

Limits LimitsFor(HashCost cost) {
    switch (cost) {
        case HashCost::kInteractive:
            return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
        case HashCost::kModerate:
            return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
        case HashCost::kMinimum:
            return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    }
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

void Wipe(std::string& secret) { sodium_memzero(secret.data(), secret.size()); }

}  // namespace

std::optional<HashCost> ParseHashCost(std::string_view name) {
    if (name == "interactive") return HashCost::kInteractive;
    if (name == "moderate") return HashCost::kModerate;
    if (name == "minimum") return HashCost::kMinimum;
    return std::nullopt;
}

PasswordHasher::PasswordHasher(Options options) : options_(options) {
    EnsureSodium();
    pool_ = std::make_unique<Pool>(options_.threads, options_.queue_max);
}

PasswordHasher::~PasswordHasher() { Shutdown(); }

void PasswordHasher::Shutdown() { pool_->Stop(); }

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
    const Limits limits = LimitsFor(options_.cost);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), limits.ops, limits.memory) != 0) {
        return Status::IoError("password hash failed (out of memory?)");
    }
    return std::string(out);
}

bool PasswordHasher::Verify(std::string_view encoded_hash, std::string_view password) const {
    if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string terminated(encoded_hash);  // libsodium reads a C string
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::HashAsync(std::string password, HashDone done) {
    return pool_->Submit([this, password = std::move(password), done = std::move(done)]() mutable {
        Result<std::string> hash = Hash(password);
        Wipe(password);
        done(std::move(hash));
    });
}

bool PasswordHasher::VerifyAsync(std::string encoded_hash, std::string password, VerifyDone done) {
    return pool_->Submit([this, encoded_hash = std::move(encoded_hash),
                          password = std::move(password), done = std::move(done)]() mutable {
        const bool matches = Verify(encoded_hash, password);
        Wipe(password);
        done(matches);
    });
}

bool PasswordHasher::RunAsync(std::function<void()> job) { return pool_->Submit(std::move(job)); }

}  // namespace tix::auth
