// The sequencer owns the Engine and orders every change to it (the Redis beforeSleep pattern).
//
// Threads: any thread may Submit() a command. One engine thread applies commands in submission
// order, in batches (ApplyCommands: the engine records what each command changed and the batch
// carries it); one writer thread appends each batch's changes with a single commit (group commit,
// CommitBatches). A command's Completion gets its reply only after its batch, and every batch
// before it, is durable, so a client hears "yes" only for durable changes. A command submitted
// from a thread bound to a CompletionHome (an IO thread) has its completion run on that home,
// handed over with the rest of its batch's completions for the same home, so replies are rendered
// there, never on the engine thread. While the writer commits batch N the engine thread already
// applies batch N+1; batches that wait for the writer are committed together, so the commit rate
// is bounded by the disk, not by the batch count.
//
// If an append fails the sequencer stops acknowledging: that batch and every later one complete
// with durable == false, Submit() refuses, and on_fatal runs once (the owner shuts down loudly).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "common/status.h"
#include "common/types.h"
#include "engine/command.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "service/completion_home.h"
#include "service/sequencer_steps.h"

namespace tix::service {

inline constexpr std::size_t kDefaultQueueCapacity = limits::kQueueCapacity;
inline constexpr std::size_t kDefaultBatchMax = limits::kBatchMax;
using limits::kBatchesInFlight;

class Sequencer {
  public:
    using Clock = std::function<TimePoint()>;

    struct Options {
        std::size_t queue_capacity = kDefaultQueueCapacity;
        std::size_t batch_max = kDefaultBatchMax;
        std::function<void(const Status&)> on_fatal;  // once, after the first failed append
        // On the engine thread after each batch is applied, with its command count (tests).
        std::function<void(std::size_t commands)> on_batch_applied;
    };

    // REQUIRES: engine and journal outlive the sequencer; the engine is already recovered.
    Sequencer(engine::Engine& engine, engine::Journal& journal, Clock clock, Options options);
    ~Sequencer();  // Stop()s
    Sequencer(const Sequencer&) = delete;
    Sequencer& operator=(const Sequencer&) = delete;

    void Start();
    // Finishes every accepted task (completing it), then joins both threads.
    void Stop();

    // False, without calling `completion`, when the queue is full, the sequencer is stopped or
    // has failed: answer 503.
    bool Submit(engine::Command command, Completion completion);

    bool failed() const;

  private:
    void EngineLoop();
    void WriterLoop();
    // Waits for commands or due expiries and takes up to batch_max commands into `commands`.
    // False when stopping with nothing left to apply.
    bool TakeCommands(std::vector<Submitted>& commands);
    void Fail(const Status& status);

    engine::Engine& engine_;
    engine::Journal& journal_;
    Clock clock_;
    Options options_;

    mutable std::mutex mutex_;  // guards everything below; never held across a task or an append
    std::condition_variable tasks_ready_;
    std::condition_variable batch_ready_;
    std::condition_variable batch_taken_;
    std::vector<Submitted> queue_;
    std::deque<AppliedBatch> batches_;  // applied, in order, waiting to be written
    ParkedCommands parked_;             // engine thread only
    bool running_ = false;
    bool stopping_ = false;
    bool failed_ = false;
    bool engine_idle_ = false;  // engine thread is waiting: Submit must wake it
    bool writer_stopping_ = false;

    std::thread engine_thread_;
    std::thread writer_thread_;
};

}  // namespace tix::service
