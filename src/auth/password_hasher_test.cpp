#include "auth/password_hasher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "auth/sync_testing.h"

namespace tix::auth {
namespace {

using namespace std::chrono_literals;
using test_support::EventCounter;
using test_support::Gate;
using test_support::kEventDeadline;

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
    EXPECT_EQ(ParseHashCost("standard"), HashCost::kStandard);
    EXPECT_EQ(ParseHashCost("interactive"), HashCost::kInteractive);
    EXPECT_EQ(ParseHashCost("moderate"), HashCost::kModerate);
    EXPECT_EQ(ParseHashCost("minimum"), HashCost::kMinimum);
    EXPECT_EQ(ParseHashCost("fast"), std::nullopt);
}

TEST(PasswordHasher, DefaultCostIsOwaspsArgon2idMinimum) {
    const PasswordHasher hasher;
    EXPECT_EQ(hasher.cost(), HashCost::kStandard);
    const auto hash = hasher.Hash("correct horse");
    ASSERT_TRUE(hash.ok());
    // 19 MiB = 19,456 KiB, 2 passes, 1 lane.
    EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *hash;
    EXPECT_TRUE(hasher.Verify(*hash, "correct horse"));
}

TEST(PasswordHasher, LoginWithAHashOfAnotherCostComesWithAHashAtTheCurrentCost) {
    PasswordHasher::Options old_options;
    old_options.cost = HashCost::kInteractive;  // the default before the standard cost
    const PasswordHasher old_hasher(old_options);
    const std::string old_hash = *old_hasher.Hash("correct horse");
    PasswordHasher::Options standard;
    standard.cost = HashCost::kStandard;
    const PasswordHasher hasher(standard);
    EXPECT_TRUE(hasher.NeedsRehash(old_hash));
    EXPECT_FALSE(PasswordHasher(Minimum()).NeedsRehash(old_hash))
        << "the test-only cost must never replace a real hash";

    const PasswordHasher::LoginCheck wrong = hasher.CheckLogin(old_hash, "wrong horse");
    EXPECT_FALSE(wrong.matches);
    EXPECT_FALSE(wrong.rehashed.has_value());  // never without the right password

    const PasswordHasher::LoginCheck right = hasher.CheckLogin(old_hash, "correct horse");
    EXPECT_TRUE(right.matches);
    ASSERT_TRUE(right.rehashed.has_value());
    EXPECT_FALSE(hasher.NeedsRehash(*right.rehashed));
    EXPECT_TRUE(old_hasher.NeedsRehash(*right.rehashed));
    EXPECT_TRUE(hasher.Verify(*right.rehashed, "correct horse"));
    EXPECT_FALSE(hasher.Verify(*right.rehashed, "wrong horse"));

    // Once upgraded, a login costs one verification again.
    const PasswordHasher::LoginCheck again = hasher.CheckLogin(*right.rehashed, "correct horse");
    EXPECT_TRUE(again.matches);
    EXPECT_FALSE(again.rehashed.has_value());
}

TEST(PasswordHasher, UnreadableHashesAreNeitherMatchedNorUpgraded) {
    const PasswordHasher hasher(Minimum());
    for (const std::string_view hash : {"!no-password", "", "$argon2id$garbage"}) {
        EXPECT_FALSE(hasher.NeedsRehash(hash)) << hash;
        const PasswordHasher::LoginCheck check = hasher.CheckLogin(hash, "correct horse");
        EXPECT_FALSE(check.matches) << hash;
        EXPECT_FALSE(check.rehashed.has_value()) << hash;
    }
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

    std::promise<PasswordHasher::LoginCheck> checked;
    ASSERT_TRUE(hasher.CheckLoginAsync(*hash, "hunter2hunter2",
                                       [&](auto check) { checked.set_value(std::move(check)); }));
    const PasswordHasher::LoginCheck check = checked.get_future().get();
    EXPECT_TRUE(check.matches);
    EXPECT_FALSE(check.rehashed.has_value());
}

TEST(PasswordHasher, QueueIsBoundedByWaitingTimeNotByJobCount) {
    PasswordHasher::Options options = Minimum();
    options.threads = 1;
    options.job_time_initial = 100ms;
    options.queue_wait_max = 1s;  // room for ten 100 ms jobs
    PasswordHasher hasher(options);
    const std::string hash = *hasher.Hash("password");

    Gate release;
    EventCounter parked;
    ASSERT_TRUE(hasher.RunAsync([&] {
        parked.Add();
        release.Wait();
    }));
    ASSERT_TRUE(parked.WaitFor(1));

    EventCounter hashed;
    EventCounter verified;
    for (int i = 0; i < 5; ++i) {
        EXPECT_TRUE(hasher.HashAsync("password", [&](Result<std::string> result) {
            EXPECT_TRUE(result.ok());
            hashed.Add();
        }));
        EXPECT_TRUE(hasher.VerifyAsync(hash, "password", [&](bool matches) {
            EXPECT_TRUE(matches);
            verified.Add();
        }));
    }
    bool refused_ran = false;
    EXPECT_FALSE(hasher.VerifyAsync(hash, "password", [&](bool) { refused_ran = true; }));
    EXPECT_FALSE(hasher.HashAsync("password", [&](Result<std::string>) { refused_ran = true; }));
    EXPECT_FALSE(hasher.RunAsync([&] { refused_ran = true; }));

    release.Open();
    ASSERT_TRUE(hashed.WaitFor(5));
    ASSERT_TRUE(verified.WaitFor(5));
    hasher.Shutdown();  // joins: nothing else can run after this
    EXPECT_FALSE(refused_ran);
    EXPECT_EQ(hashed.count(), 5u);
    EXPECT_EQ(verified.count(), 5u);
}

TEST(PasswordHasher, ABurstOfHundredsQueuesAtTheDefaultLimits) {
    // 300 sign-ups at once at 80 ms a hash on 2 threads is 12 s of work: under the 30 s limit.
    PasswordHasher::Options options = Minimum();
    options.job_time_initial = 80ms;
    PasswordHasher hasher(options);
    Gate release;
    EventCounter parked;
    for (std::size_t i = 0; i < options.threads; ++i) {
        ASSERT_TRUE(hasher.RunAsync([&] {
            parked.Add();
            release.Wait();
        }));
    }
    ASSERT_TRUE(parked.WaitFor(options.threads));
    EventCounter hashed;
    for (int i = 0; i < 300; ++i) {
        ASSERT_TRUE(hasher.HashAsync("password", [&](Result<std::string>) { hashed.Add(); }))
            << "job " << i;
    }
    EXPECT_EQ(hasher.EstimatedWait(), 300 * 80ms / 2);
    release.Open();
    EXPECT_TRUE(hashed.WaitFor(300));
}

TEST(PasswordHasher, ShutdownDropsQueuedJobsUncalledWaitsForTheRunningOneAndRefusesMore) {
    PasswordHasher::Options options = Minimum();
    options.threads = 1;
    PasswordHasher hasher(options);

    Gate release;
    EventCounter parked;
    bool running_finished = false;
    ASSERT_TRUE(hasher.HashAsync("password", [&](Result<std::string>) {
        parked.Add();
        release.Wait();
        running_finished = true;
    }));
    ASSERT_TRUE(parked.WaitFor(1));

    // The queued callbacks share `captured`; when the last copy goes, they have been destroyed.
    std::promise<void> all_destroyed;
    std::future<void> destroyed = all_destroyed.get_future();
    auto captured = std::shared_ptr<int>(new int(0), [&](int* p) {
        delete p;
        all_destroyed.set_value();
    });
    EventCounter called;
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(hasher.HashAsync("password",
                                     [&called, captured](Result<std::string>) { called.Add(); }));
    }
    captured.reset();

    std::promise<void> shutdown_returned;
    std::future<void> returned = shutdown_returned.get_future();
    std::thread stopper([&] {
        hasher.Shutdown();
        shutdown_returned.set_value();
    });
    ASSERT_EQ(destroyed.wait_for(kEventDeadline), std::future_status::ready);
    // The queued jobs are gone, the running one is still parked: Shutdown is still waiting.
    EXPECT_EQ(returned.wait_for(0s), std::future_status::timeout);
    EXPECT_FALSE(hasher.HashAsync("password", [](Result<std::string>) {}));

    release.Open();
    ASSERT_EQ(returned.wait_for(kEventDeadline), std::future_status::ready);
    stopper.join();
    EXPECT_TRUE(running_finished);
    EXPECT_EQ(called.count(), 0u);
    hasher.Shutdown();  // idempotent
    EXPECT_FALSE(hasher.VerifyAsync("x", "password", [](bool) {}));
    EXPECT_TRUE(hasher.Hash("password").ok());  // the synchronous path still works
}

}  // namespace
}  // namespace tix::auth
