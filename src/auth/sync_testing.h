// Test helpers for waiting on events between threads, with a deadline so that a missing event
// fails the test instead of hanging it (and no sleep stands in for "it has happened by now").
// Tests only.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace tix::auth::test_support {

// Long enough for any event of these tests on a loaded 2-core machine; reaching it is a failure.
inline constexpr std::chrono::seconds kEventDeadline{20};

// A gate: threads Wait() until it is opened, or learn whether it is.
class Gate {
  public:
    // Notifies under the lock: a waiter may destroy this as soon as it wakes, while a notify
    // after the unlock would still touch the condition variable (ThreadSanitizer saw it).
    void Open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        opened_.notify_all();
    }
    // Blocks until opened; false when the deadline passed first.
    bool Wait(std::chrono::milliseconds deadline = kEventDeadline) {
        std::unique_lock lock(mutex_);
        return opened_.wait_for(lock, deadline, [this] { return open_; });
    }
    bool IsOpen() {
        std::lock_guard lock(mutex_);
        return open_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable opened_;
    bool open_ = false;
};

// Counts events; WaitFor(n) blocks until n have happened.
class EventCounter {
  public:
    void Add() {  // notifies under the lock, as Open does
        std::lock_guard lock(mutex_);
        ++count_;
        changed_.notify_all();
    }
    // True when `n` events happened before the deadline.
    bool WaitFor(std::size_t n, std::chrono::milliseconds deadline = kEventDeadline) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, deadline, [&] { return count_ >= n; });
    }
    std::size_t count() {
        std::lock_guard lock(mutex_);
        return count_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t count_ = 0;
};

}  // namespace tix::auth::test_support
