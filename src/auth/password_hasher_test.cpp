#include "auth/password_hasher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

namespace tix::auth {
namespace {

PasswordHasher::Options Minimum() {
    PasswordHasher::Options options;
    options.cost = HashCost::kMinimum;  // tests only
    return options;
}

TEST(PasswordHasher, VerifiesTheRightPasswordOnly) {
    const PasswordHasher hasher(Minimum());
    const auto hash = hasher.Hash("correct horse");
    ASSERT_TRUE(hash.ok());
    EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(hasher.Verify(*hash, "correct horse"));
    EXPECT_FALSE(hasher.Verify(*hash, "correct horse "));
    EXPECT_FALSE(hasher.Verify(*hash, ""));
    EXPECT_FALSE(hasher.Verify("", "correct horse"));
    EXPECT_FALSE(hasher.Verify("$argon2id$garbage", "correct horse"));
    EXPECT_FALSE(hasher.Verify(std::string(1000, '$'), "correct horse"));
}

TEST(PasswordHasher, SaltsEveryHash) {
    const PasswordHasher hasher(Minimum());
    EXPECT_NE(*hasher.Hash("same password"), *hasher.Hash("same password"));
}

TEST(PasswordHasher, ParsesCostNames) {
    EXPECT_EQ(ParseHashCost("interactive"), HashCost::kInteractive);
    EXPECT_EQ(ParseHashCost("moderate"), HashCost::kModerate);
    EXPECT_EQ(ParseHashCost("minimum"), HashCost::kMinimum);
    EXPECT_EQ(ParseHashCost("fast"), std::nullopt);
}

TEST(PasswordHasher, AsyncHashAndVerifyRunOnThePool) {
    PasswordHasher hasher(Minimum());
    std::promise<Result<std::string>> hashed;
    ASSERT_TRUE(hasher.HashAsync("hunter2hunter2",
                                 [&](Result<std::string> hash) { hashed.set_value(hash); }));
    const Result<std::string> hash = hashed.get_future().get();
    ASSERT_TRUE(hash.ok());

    std::promise<bool> good;
    std::promise<bool> bad;
    ASSERT_TRUE(hasher.VerifyAsync(*hash, "hunter2hunter2", [&](bool ok) { good.set_value(ok); }));
    ASSERT_TRUE(hasher.VerifyAsync(*hash, "hunter3hunter3", [&](bool ok) { bad.set_value(ok); }));
    EXPECT_TRUE(good.get_future().get());
    EXPECT_FALSE(bad.get_future().get());
}

TEST(PasswordHasher, FullQueueRefusesWork) {
    PasswordHasher::Options options = Minimum();
    options.threads = 1;
    options.queue_max = 2;
    PasswordHasher hasher(options);
    const std::string hash = *hasher.Hash("password");

    // Park the only worker so that queued jobs stay queued.
    std::mutex mutex;
    std::condition_variable released_cv;
    bool released = false;
    std::promise<void> parked;
    ASSERT_TRUE(hasher.VerifyAsync(hash, "password", [&](bool) {
        parked.set_value();
        std::unique_lock lock(mutex);
        released_cv.wait(lock, [&] { return released; });
    }));
    parked.get_future().wait();

    std::atomic<int> finished{0};
    EXPECT_TRUE(hasher.VerifyAsync(hash, "password", [&](bool) { ++finished; }));
    EXPECT_TRUE(hasher.VerifyAsync(hash, "password", [&](bool) { ++finished; }));
    bool called = false;
    EXPECT_FALSE(hasher.VerifyAsync(hash, "password", [&](bool) { called = true; }));
    EXPECT_FALSE(hasher.HashAsync("password", [&](Result<std::string>) { called = true; }));
    {
        std::lock_guard lock(mutex);
        released = true;
    }
    released_cv.notify_all();
    // Accepted work still completes once the worker is free.
    std::promise<void> drained;
    while (!hasher.VerifyAsync(hash, "password", [&](bool) { drained.set_value(); })) {
        std::this_thread::yield();
    }
    drained.get_future().wait();
    EXPECT_EQ(finished.load(), 2);
    EXPECT_FALSE(called);
}

TEST(PasswordHasher, DestructionDropsQueuedJobs) {
    auto done = std::make_shared<int>(0);
    {
        PasswordHasher::Options options = Minimum();
        options.threads = 1;
        PasswordHasher hasher(options);
        for (int i = 0; i < 5; ++i) {
            (void)hasher.HashAsync("password", [done](Result<std::string>) { ++*done; });
        }
    }  // joins: whatever ran is done; the rest was destroyed without running
    EXPECT_LE(*done, 5);
    EXPECT_EQ(done.use_count(), 1);  // no callback left behind
}

TEST(PasswordHasher, ShutdownWaitsForRunningWorkAndRefusesMore) {
    PasswordHasher hasher(Minimum());
    std::promise<void> started;
    std::atomic<bool> release{false};
    std::atomic<bool> finished{false};
    ASSERT_TRUE(hasher.HashAsync("password", [&](Result<std::string>) {
        started.set_value();
        while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        finished = true;
    }));
    started.get_future().wait();
    std::atomic<bool> returned{false};
    std::thread stopper([&] {
        hasher.Shutdown();
        returned = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_FALSE(returned.load());  // still waiting for the running job
    release = true;
    stopper.join();
    EXPECT_TRUE(finished.load());
    hasher.Shutdown();  // idempotent
    EXPECT_FALSE(hasher.HashAsync("password", [](Result<std::string>) {}));
    EXPECT_TRUE(hasher.Hash("password").ok());  // the synchronous path still works
}

}  // namespace
}  // namespace tix::auth
