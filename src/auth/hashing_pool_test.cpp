#include "auth/hashing_pool.h"

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <stdexcept>
#include <thread>

#include "auth/sync_testing.h"

namespace tix::auth {
namespace {

using namespace std::chrono_literals;
using test_support::EventCounter;
using test_support::Gate;
using test_support::kEventDeadline;

constexpr HashingPool::Limits kNoLimits{
    .threads = 1, .wait_max = 1h, .jobs_max = 1'000'000, .job_time_initial = 1ms};

// Occupies one pool thread until released, so that later jobs stay queued.
class Blocker {
  public:
    std::function<void()> Job() {
        return [this] {
            started_.Add();
            release_.Wait();
        };
    }
    // Waits until `threads` blockers' jobs run.
    bool WaitStarted(std::size_t threads = 1) { return started_.WaitFor(threads); }
    void Release() { release_.Open(); }

  private:
    EventCounter started_;
    Gate release_;
};

TEST(HashingPool, QueuesUntilTheEstimatedWaitReachesTheLimit) {
    // 1 thread, 100 ms a job, 1 s limit: jobs 0-9 would wait 0-900 ms; the eleventh, 1 s.
    HashingPool pool({.threads = 1, .wait_max = 1s, .jobs_max = 10'000, .job_time_initial = 100ms});
    Blocker blocker;
    ASSERT_TRUE(pool.Submit(blocker.Job()));
    ASSERT_TRUE(blocker.WaitStarted());

    EventCounter ran;
    for (int i = 0; i < 10; ++i) EXPECT_TRUE(pool.Submit([&] { ran.Add(); })) << "job " << i;
    EXPECT_EQ(pool.EstimatedWait(), 1s);
    bool refused_job_ran = false;
    EXPECT_FALSE(pool.Submit([&] { refused_job_ran = true; }));

    blocker.Release();
    ASSERT_TRUE(ran.WaitFor(10));
    // The queue drained, so there is room again.
    EventCounter after;
    EXPECT_TRUE(pool.Submit([&] { after.Add(); }));
    ASSERT_TRUE(after.WaitFor(1));
    EXPECT_FALSE(refused_job_ran);
    EXPECT_EQ(ran.count(), 10u);
}

TEST(HashingPool, MoreThreadsShortenTheWait) {
    // 2 threads share the queue: 20 jobs of 100 ms are 1 s of waiting.
    HashingPool pool({.threads = 2, .wait_max = 1s, .jobs_max = 10'000, .job_time_initial = 100ms});
    Blocker blocker;
    ASSERT_TRUE(pool.Submit(blocker.Job()));
    ASSERT_TRUE(pool.Submit(blocker.Job()));
    ASSERT_TRUE(blocker.WaitStarted(2));

    EventCounter ran;
    for (int i = 0; i < 20; ++i) EXPECT_TRUE(pool.Submit([&] { ran.Add(); })) << "job " << i;
    EXPECT_FALSE(pool.Submit([] {}));
    blocker.Release();
    ASSERT_TRUE(ran.WaitFor(20));
}

TEST(HashingPool, JobCapRefusesEvenWhenTheWaitWouldBeShort) {
    HashingPool pool({.threads = 1, .wait_max = 3'600s, .jobs_max = 3, .job_time_initial = 1us});
    Blocker blocker;
    ASSERT_TRUE(pool.Submit(blocker.Job()));
    ASSERT_TRUE(blocker.WaitStarted());
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(pool.Submit([] {})) << "job " << i;
    EXPECT_FALSE(pool.Submit([] {}));
    blocker.Release();
}

TEST(HashingPool, ZeroJobCapRefusesEverything) {
    HashingPool pool({.threads = 1, .wait_max = 3'600s, .jobs_max = 0, .job_time_initial = 1us});
    EXPECT_FALSE(pool.Submit([] {}));
}

TEST(HashingPool, EstimateFollowsTheMeasuredTimeOfTimedJobs) {
    constexpr auto kInitial = 10s;
    HashingPool pool(
        {.threads = 1, .wait_max = 3'600s, .jobs_max = 10, .job_time_initial = kInitial});

    // An untimed job leaves the estimate alone. The blocker queued behind it runs only after the
    // untimed job was accounted for (one thread), and holds the thread while the test looks.
    Blocker first;
    ASSERT_TRUE(pool.Submit([] {}, HashingPool::Timing::kUntimed));
    ASSERT_TRUE(pool.Submit(first.Job(), HashingPool::Timing::kUntimed));
    ASSERT_TRUE(first.WaitStarted());
    EXPECT_EQ(pool.job_time(), kInitial);
    first.Release();

    // A timed job far quicker than 10 s moves the estimate an eighth of the way down.
    Blocker second;
    ASSERT_TRUE(pool.Submit([] {}));
    ASSERT_TRUE(pool.Submit(second.Job(), HashingPool::Timing::kUntimed));
    ASSERT_TRUE(second.WaitStarted());
    EXPECT_LT(pool.job_time(), kInitial);
    EXPECT_GE(pool.job_time(), kInitial * 7 / 8);
    second.Release();
}

TEST(HashingPool, StopDropsQueuedJobsUnrunAndWaitsForTheRunningOne) {
    HashingPool pool(kNoLimits);
    Blocker blocker;
    ASSERT_TRUE(pool.Submit(blocker.Job()));
    ASSERT_TRUE(blocker.WaitStarted());

    // The queued jobs share `captured`; when the last copy goes, the jobs have been destroyed.
    std::promise<void> all_destroyed;
    std::future<void> destroyed = all_destroyed.get_future();
    auto captured = std::shared_ptr<int>(new int(0), [&](int* p) {
        delete p;
        all_destroyed.set_value();
    });
    EventCounter ran;
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(pool.Submit([&ran, captured] { ran.Add(); }));
    captured.reset();

    std::promise<void> stop_returned;
    std::future<void> stopped = stop_returned.get_future();
    std::thread stopper([&] {
        pool.Stop();
        stop_returned.set_value();
    });
    ASSERT_EQ(destroyed.wait_for(kEventDeadline), std::future_status::ready);
    // The queued jobs are gone, but the blocker still runs: Stop cannot have returned.
    EXPECT_EQ(stopped.wait_for(0s), std::future_status::timeout);
    EXPECT_FALSE(pool.Submit([] {}));

    blocker.Release();
    ASSERT_EQ(stopped.wait_for(kEventDeadline), std::future_status::ready);
    stopper.join();
    EXPECT_EQ(ran.count(), 0u);
    pool.Stop();  // idempotent
    EXPECT_FALSE(pool.Submit([] {}));
}

TEST(HashingPool, AThrowingJobDoesNotStopTheThread) {
    HashingPool pool(kNoLimits);
    ASSERT_TRUE(pool.Submit([] { throw std::runtime_error("job failed"); }));
    EventCounter ran;
    ASSERT_TRUE(pool.Submit([&] { ran.Add(); }));
    EXPECT_TRUE(ran.WaitFor(1));
}

}  // namespace
}  // namespace tix::auth
