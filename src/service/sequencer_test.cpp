#include "service/sequencer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "engine/test_events.h"

namespace tix::service {
namespace {

using engine::Engine;
using engine::HoldOutcome;
using engine::JournalBatch;
using namespace std::chrono_literals;

// Records appends; can be told to fail from a given append on, and to block until released.
class FakeJournal final : public engine::Journal {
  public:
    Status Append(const JournalBatch& batch) override {
        std::unique_lock lock(mutex_);
        ++entered_;
        entered_changed_.notify_all();
        released_.wait(lock, [&] { return !blocked_; });
        if (appends_ >= fail_from_) return Status::IoError("disk on fire");
        ++appends_;
        for (const auto& record : batch.orders) orders_.push_back(record.order);
        return Status::Ok();
    }
    Status Load(engine::RecoveredState&) override { return Status::Ok(); }

    void FailFrom(int append) {
        std::lock_guard lock(mutex_);
        fail_from_ = append;
    }
    void Block(bool blocked) {
        {
            std::lock_guard lock(mutex_);
            blocked_ = blocked;
        }
        released_.notify_all();
    }
    // Waits until an Append has begun (and, if blocked, is waiting to be released).
    void WaitUntilAppending() {
        std::unique_lock lock(mutex_);
        ASSERT_TRUE(entered_changed_.wait_for(lock, std::chrono::seconds(10), [&] {
            return entered_ > 0;
        })) << "no append began";
    }
    int appends() const {
        std::lock_guard lock(mutex_);
        return appends_;
    }
    std::vector<engine::Order> orders() const {
        std::lock_guard lock(mutex_);
        return orders_;
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable released_;
    std::condition_variable entered_changed_;
    int entered_ = 0;
    bool blocked_ = false;
    int fail_from_ = 1 << 30;
    int appends_ = 0;
    std::vector<engine::Order> orders_;
};

class SequencerTest : public ::testing::Test {
  protected:
    SequencerTest() { event_id_ = engine_.AddEvent(engine::SmallTestEvent()); }

    Sequencer::Options OptionsWithFatalFlag() {
        Sequencer::Options options;
        options.on_fatal = [this](const Status&) { fatal_calls_++; };
        return options;
    }

    // Submits a hold of one GA ticket for `user`; its durability arrives through `done`.
    bool HoldOne(Sequencer& sequencer, UserId user, std::promise<bool>& done) {
        engine::PlaceHold hold{
            .user_id = user, .event_id = event_id_, .zone_id = "GA", .quantity = 1};
        return sequencer.Submit(std::move(hold), [&done](engine::Reply&& reply, bool durable) {
            EXPECT_EQ(std::get<engine::HoldReply>(reply).outcome, HoldOutcome::kOk);
            done.set_value(durable);
        });
    }

    // Lets a test wait, without sleeping, until the engine thread has applied `commands`.
    void CountAppliedCommands(Sequencer::Options& options) {
        options.on_batch_applied = [this](std::size_t commands) {
            {
                std::lock_guard lock(applied_mutex_);
                applied_ += commands;
            }
            applied_changed_.notify_all();
        };
    }
    void WaitUntilApplied(std::size_t commands) {
        std::unique_lock lock(applied_mutex_);
        ASSERT_TRUE(applied_changed_.wait_for(lock, std::chrono::seconds(10),
                                              [&] { return applied_ >= commands; }))
            << "only " << applied_ << " of " << commands << " commands applied";
    }

    Engine engine_;
    EventId event_id_{};
    FakeJournal journal_;
    ManualClock clock_now_{FromUnixMillis(1'000)};
    std::atomic<int> fatal_calls_{0};
    std::mutex applied_mutex_;
    std::condition_variable applied_changed_;
    std::size_t applied_ = 0;
    Sequencer::Clock clock_ = [this] { return clock_now_.Now(); };
};

TEST_F(SequencerTest, CompletesOnlyAfterTheBatchIsDurable) {
    Sequencer sequencer(engine_, journal_, clock_, {});
    sequencer.Start();
    journal_.Block(true);
    std::promise<bool> done;
    ASSERT_TRUE(HoldOne(sequencer, UserId{1}, done));
    auto future = done.get_future();
    journal_.WaitUntilAppending();  // the hold is applied and its commit is on its way
    EXPECT_EQ(future.wait_for(0s), std::future_status::timeout);
    journal_.Block(false);
    EXPECT_TRUE(future.get());
    EXPECT_EQ(journal_.orders().size(), 1u);
}

TEST_F(SequencerTest, GroupsConcurrentTasksIntoFewCommits) {
    Sequencer sequencer(engine_, journal_, clock_, {});
    sequencer.Start();
    journal_.Block(true);  // tasks pile up while the first commit is "on disk"
    std::vector<std::promise<bool>> done(10);
    for (std::uint64_t user = 0; user < 10; ++user)
        ASSERT_TRUE(HoldOne(sequencer, UserId{user + 1}, done[user]));
    journal_.Block(false);
    for (auto& promise : done) EXPECT_TRUE(promise.get_future().get());
    EXPECT_LT(journal_.appends(), 10);
    EXPECT_EQ(journal_.orders().size(), 10u);
    // Applied order is journal order.
    for (size_t i = 1; i < journal_.orders().size(); ++i) {
        EXPECT_LT(journal_.orders()[i - 1].order_id, journal_.orders()[i].order_id);
    }
}

TEST_F(SequencerTest, BatchesWaitingForTheWriterShareOneCommit) {
    Sequencer::Options options;
    options.batch_max = 1;  // every command is its own batch
    CountAppliedCommands(options);
    Sequencer sequencer(engine_, journal_, clock_, options);
    sequencer.Start();
    journal_.Block(true);
    std::vector<std::promise<bool>> done(4);
    for (std::uint64_t user = 0; user < 4; ++user)
        ASSERT_TRUE(HoldOne(sequencer, UserId{user + 1}, done[user]));
    // Batch 1 is in the writer; 2 and 3 wait in the hand-off queue, 4 waits for room.
    WaitUntilApplied(3);
    journal_.Block(false);
    for (auto& promise : done) EXPECT_TRUE(promise.get_future().get());
    EXPECT_LE(journal_.appends(), 3);  // 1, then 2 + 3 together, then 4
    ASSERT_EQ(journal_.orders().size(), 4u);
    for (size_t i = 1; i < journal_.orders().size(); ++i) {
        EXPECT_LT(journal_.orders()[i - 1].order_id, journal_.orders()[i].order_id);
    }
}

// Runs posted work when told to, on the test thread.
class FakeHome final : public CompletionHome {
  public:
    void Post(std::function<void()> work) override {
        std::lock_guard lock(mutex_);
        posts_.push_back(std::move(work));
    }
    std::vector<std::function<void()>> Take() {
        std::lock_guard lock(mutex_);
        return std::exchange(posts_, {});
    }

  private:
    std::mutex mutex_;
    std::vector<std::function<void()>> posts_;
};

TEST_F(SequencerTest, CompletionsGoBackToTheSubmittersHomeTogether) {
    Sequencer::Options options;
    CountAppliedCommands(options);
    Sequencer sequencer(engine_, journal_, clock_, options);
    sequencer.Start();
    FakeHome home;
    journal_.Block(true);
    std::vector<std::promise<bool>> done(5);
    std::vector<std::future<bool>> results;
    for (auto& promise : done) results.push_back(promise.get_future());
    CompletionHome::BindToThisThread(&home);
    for (std::uint64_t user = 0; user < 4; ++user)
        ASSERT_TRUE(HoldOne(sequencer, UserId{user + 1}, done[user]));
    CompletionHome::BindToThisThread(nullptr);
    ASSERT_TRUE(HoldOne(sequencer, UserId{5}, done[4]));  // homeless: completes on the writer
    WaitUntilApplied(5);  // the first command may be in a commit of its own; the rest in one
    journal_.Block(false);
    EXPECT_TRUE(results[4].get());
    sequencer.Stop();  // every commit is done and every post made
    ASSERT_EQ(journal_.orders().size(), 5u);
    // The homed completions have not run: they wait in the home, in at most two posts.
    std::vector<std::function<void()>> posts = home.Take();
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(results[i].wait_for(std::chrono::seconds(0)), std::future_status::timeout);
    }
    ASSERT_GE(posts.size(), 1u);
    ASSERT_LE(posts.size(), 2u);
    for (auto& post : posts) post();
    for (int i = 0; i < 4; ++i) EXPECT_TRUE(results[i].get());
}

TEST_F(SequencerTest, FailedAppendStopsAcknowledging) {
    Sequencer sequencer(engine_, journal_, clock_, OptionsWithFatalFlag());
    sequencer.Start();
    journal_.FailFrom(0);
    std::promise<bool> first;
    ASSERT_TRUE(HoldOne(sequencer, UserId{1}, first));
    EXPECT_FALSE(first.get_future().get());
    EXPECT_TRUE(sequencer.failed());
    EXPECT_EQ(fatal_calls_.load(), 1);
    std::promise<bool> second;
    EXPECT_FALSE(HoldOne(sequencer, UserId{2}, second));
}

TEST_F(SequencerTest, LaterBatchesAfterAFailureAreNotDurableEither) {
    Sequencer sequencer(engine_, journal_, clock_, OptionsWithFatalFlag());
    sequencer.Start();
    journal_.Block(true);
    journal_.FailFrom(0);
    std::vector<std::promise<bool>> done(5);
    for (std::uint64_t user = 0; user < 5; ++user)
        ASSERT_TRUE(HoldOne(sequencer, UserId{user + 1}, done[user]));
    journal_.Block(false);
    for (auto& promise : done) EXPECT_FALSE(promise.get_future().get());
    EXPECT_EQ(fatal_calls_.load(), 1);
}

TEST_F(SequencerTest, ExpiresDueHoldsAndJournalsTheExpiry) {
    Sequencer sequencer(engine_, journal_, clock_, {});
    sequencer.Start();
    std::promise<bool> held;
    ASSERT_TRUE(HoldOne(sequencer, UserId{1}, held));
    ASSERT_TRUE(held.get_future().get());
    clock_now_.Advance(std::chrono::seconds{60});  // the hold deadline
    std::promise<engine::ZoneCounts> counts;
    ASSERT_TRUE(
        sequencer.Submit(engine::GetAvailability{event_id_}, [&](engine::Reply&& reply, bool) {
            counts.set_value(std::get<engine::AvailabilityReply>(reply).zones[0]);
        }));
    const engine::ZoneCounts after = counts.get_future().get();
    EXPECT_EQ(after.held, 0u);
    EXPECT_EQ(after.available, 10u);
    sequencer.Stop();
    const auto orders = journal_.orders();
    ASSERT_EQ(orders.size(), 2u);
    EXPECT_EQ(orders[1].status, engine::OrderStatus::kExpired);
}

TEST_F(SequencerTest, RefusesWhenTheQueueIsFull) {
    std::promise<bool> done;
    std::vector<std::promise<bool>> many(64);  // outlives the sequencer that completes them
    Sequencer::Options options;
    options.queue_capacity = 1;
    Sequencer sequencer(engine_, journal_, clock_, options);
    EXPECT_FALSE(HoldOne(sequencer, UserId{1}, done));  // not running yet
    sequencer.Start();
    journal_.Block(true);
    int refused = 0;
    for (std::uint64_t user = 0; user < 64; ++user)
        refused += HoldOne(sequencer, UserId{user % 10 + 1}, many[user]) ? 0 : 1;
    EXPECT_GT(refused, 0);
    journal_.Block(false);
}

TEST_F(SequencerTest, StopCompletesEveryAcceptedCommand) {
    std::vector<std::promise<bool>> done(8);
    {
        Sequencer sequencer(engine_, journal_, clock_, {});
        sequencer.Start();
        for (std::uint64_t user = 0; user < 8; ++user)
            ASSERT_TRUE(HoldOne(sequencer, UserId{user + 1}, done[user]));
    }
    for (auto& promise : done) EXPECT_TRUE(promise.get_future().get());
}

}  // namespace
}  // namespace tix::service
