#include "service/sequencer.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace tix::service {
namespace {

// Upper bound on one idle wait: a wall-clock jump cannot delay expiries by more than this.
constexpr std::chrono::milliseconds kMaxIdleWait{1'000};

}  // namespace

Sequencer::Sequencer(engine::Engine& engine, engine::Journal& journal, Clock clock, Options options)
    : engine_(engine), journal_(journal), clock_(std::move(clock)), options_(std::move(options)) {}

Sequencer::~Sequencer() { Stop(); }

void Sequencer::Start() {
    std::lock_guard lock(mutex_);
    if (running_) return;
    running_ = true;
    engine_thread_ = std::thread([this] { EngineLoop(); });
    writer_thread_ = std::thread([this] { WriterLoop(); });
}

void Sequencer::Stop() {
    {
        std::lock_guard lock(mutex_);
        if (!running_ || stopping_) return;
        stopping_ = true;
    }
    tasks_ready_.notify_all();
    engine_thread_.join();
    {
        std::lock_guard lock(mutex_);
        writer_stopping_ = true;
    }
    batch_ready_.notify_all();
    writer_thread_.join();
}

bool Sequencer::Submit(engine::Command command, Completion completion) {
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        if (!running_ || stopping_ || failed_ || queue_.size() >= options_.queue_capacity) {
            return false;
        }
        queue_.push_back({std::move(command), std::move(completion), CompletionHome::Current()});
        // While a batch waits for the writer, a new one would only wait behind it: the writer
        // wakes the engine when it takes that batch. One engine wake per commit, not per task.
        wake = engine_idle_ && batches_.empty();
        if (wake) engine_idle_ = false;
    }
    if (wake) tasks_ready_.notify_one();
    return true;
}

bool Sequencer::failed() const {
    std::lock_guard lock(mutex_);
    return failed_;
}

void Sequencer::EngineLoop() {
    std::vector<Submitted> commands;
    bool stopping = false;
    while (!stopping) {
        if (!TakeCommands(commands)) {
            // Stopping: commands still waiting for a payment are answered as they stand.
            if (parked_.empty()) break;
            commands = parked_.Close();
            stopping = true;
        }
        AppliedBatch batch;
        ApplyCommands(engine_, commands, clock_(), batch, parked_);
        const std::size_t applied = commands.size();
        commands.clear();
        {
            std::unique_lock lock(mutex_);
            batch_taken_.wait(lock, [&] { return batches_.size() < kBatchesInFlight; });
            batches_.push_back(std::move(batch));
        }
        batch_ready_.notify_one();
        if (options_.on_batch_applied) options_.on_batch_applied(applied);
    }
}

bool Sequencer::TakeCommands(std::vector<Submitted>& commands) {
    std::unique_lock lock(mutex_);
    while (queue_.empty() && !stopping_) {
        const std::optional<TimePoint> deadline = engine_.NextDeadline();
        const TimePoint now = clock_();
        if (deadline && *deadline <= now) break;  // expiries are due: run a batch
        engine_idle_ = true;
        const std::chrono::milliseconds wait =
            deadline ? std::min<std::chrono::milliseconds>(*deadline - now, kMaxIdleWait)
                     : kMaxIdleWait;
        tasks_ready_.wait_for(lock, wait);
        engine_idle_ = false;
    }
    if (stopping_ && queue_.empty()) return false;
    if (queue_.size() <= options_.batch_max) {
        commands.swap(queue_);
    } else {
        const auto split = queue_.begin() + static_cast<std::ptrdiff_t>(options_.batch_max);
        commands.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(split));
        queue_.erase(queue_.begin(), split);
    }
    return true;
}

void Sequencer::WriterLoop() {
    std::deque<AppliedBatch> taken;
    for (;;) {
        bool wake_engine = false;
        {
            std::unique_lock lock(mutex_);
            batch_ready_.wait(lock, [&] { return !batches_.empty() || writer_stopping_; });
            if (batches_.empty()) break;
            taken.swap(batches_);
            wake_engine = engine_idle_ && !queue_.empty();
            if (wake_engine) engine_idle_ = false;
        }
        batch_taken_.notify_one();
        if (wake_engine) tasks_ready_.notify_one();

        if (failed()) {
            CompleteBatches(taken, false);
            continue;
        }
        // Every batch applied while the last commit ran goes into this one: one fsync for all.
        const Status status = AppendBatches(journal_, taken);
        // Failed: stop accepting before anyone hears of it.
        if (!status.ok()) Fail(status);
        CompleteBatches(taken, status.ok());
    }
}

void Sequencer::Fail(const Status& status) {
    {
        std::lock_guard lock(mutex_);
        if (failed_) return;
        failed_ = true;
    }
    if (options_.on_fatal) options_.on_fatal(status);
}

}  // namespace tix::service
