// The sequencer owns the Engine and orders every change to it (the Redis beforeSleep pattern).
//
// Threads: any thread may Submit(). One engine thread runs tasks in submission order, in batches;
// each batch's journal records go to one writer thread that appends them with a single commit
// (group commit). A task's Completion runs on the writer thread only after its batch, and every
// batch before it, is durable, so a client hears "yes" only for durable changes. A task
// submitted from a thread bound to a CompletionHome (an IO thread) has its completion run on that
// home instead, handed over with the rest of its batch's completions for the same home. While the
// writer commits batch N the engine thread already applies batch N+1; batches that wait for the
// writer are committed together, so the commit rate is bounded by the disk, not by the batch count.
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
#include "engine/engine.h"
#include "engine/journal.h"
#include "service/completion_home.h"

namespace tix::service {

inline constexpr std::size_t kDefaultQueueCapacity = 100'000;  // pending tasks before 503
inline constexpr std::size_t kDefaultBatchMax = 8'192;         // tasks applied per group commit
inline constexpr std::size_t kBatchesInFlight = 2;             // applied, waiting for the writer

class Sequencer {
  public:
    // Called once the task's batch is durable (true) or can never be (false): on the submitting
    // thread's CompletionHome if it has one, else on the writer thread.
    using Completion = std::function<void(bool durable)>;
    // Runs on the engine thread. Appends journal records for what it changed and returns what to
    // do once they are durable (may be empty).
    using Task = std::function<Completion(engine::Engine&, TimeMs now, engine::JournalBatch&)>;
    using Clock = std::function<TimeMs()>;

    struct Options {
        std::size_t queue_capacity = kDefaultQueueCapacity;
        std::size_t batch_max = kDefaultBatchMax;
        std::function<void(const Status&)> on_fatal;  // once, after the first failed append
    };

    // REQUIRES: engine and journal outlive the sequencer; the engine is already recovered.
    Sequencer(engine::Engine& engine, engine::Journal& journal, Clock clock, Options options);
    ~Sequencer();  // Stop()s
    Sequencer(const Sequencer&) = delete;
    Sequencer& operator=(const Sequencer&) = delete;

    void Start();
    // Finishes every accepted task (completing it), then joins both threads.
    void Stop();

    // False when the queue is full, the sequencer is stopped or has failed: answer 503.
    bool Submit(Task task);

    bool failed() const;

  private:
    struct Pending {
        Task task;
        CompletionHome* home;
    };
    struct HomedCompletion {
        Completion completion;
        CompletionHome* home;
    };
    struct Batch {
        engine::JournalBatch records;
        std::vector<HomedCompletion> completions;
    };

    void EngineLoop();
    void WriterLoop();
    void ApplyBatch(std::vector<Pending>& tasks, Batch& batch);
    // Runs homeless completions here and hands each home its own, in batch order.
    static void Complete(std::deque<Batch>& batches, bool durable);
    void Fail(const Status& status);

    engine::Engine& engine_;
    engine::Journal& journal_;
    Clock clock_;
    Options options_;

    mutable std::mutex mutex_;  // guards everything below; never held across a task or an append
    std::condition_variable tasks_ready_;
    std::condition_variable batch_ready_;
    std::condition_variable batch_taken_;
    std::vector<Pending> queue_;
    std::deque<Batch> batches_;  // applied, in order, waiting to be written
    bool running_ = false;
    bool stopping_ = false;
    bool failed_ = false;
    bool engine_idle_ = false;  // engine thread is waiting: Submit must wake it
    bool writer_stopping_ = false;
    std::vector<OrderId> expired_;  // engine thread only: reused by every batch

    std::thread engine_thread_;
    std::thread writer_thread_;
};

}  // namespace tix::service
