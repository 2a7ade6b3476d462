#include "service/sequencer.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace tix::service {
namespace {

// Upper bound on one idle wait: a wall-clock jump cannot delay expiries by more than this.
constexpr TimeMs kMaxIdleWaitMs = 1'000;

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

bool Sequencer::Submit(Task task) {
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        if (!running_ || stopping_ || failed_ || queue_.size() >= options_.queue_capacity) {
            return false;
        }
        queue_.push_back({std::move(task), CompletionHome::Current()});
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
    std::vector<Pending> tasks;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            while (queue_.empty() && !stopping_) {
                const std::optional<TimeMs> deadline = engine_.NextDeadline();
                const TimeMs now = clock_();
                if (deadline && *deadline <= now) break;  // expiries are due: run a batch
                engine_idle_ = true;
                const TimeMs wait_ms =
                    deadline ? std::min(*deadline - now, kMaxIdleWaitMs) : kMaxIdleWaitMs;
                tasks_ready_.wait_for(lock, std::chrono::milliseconds(wait_ms));
                engine_idle_ = false;
            }
            if (stopping_ && queue_.empty()) break;
            if (queue_.size() <= options_.batch_max) {
                tasks.swap(queue_);
            } else {
                const auto split = queue_.begin() + static_cast<std::ptrdiff_t>(options_.batch_max);
                tasks.assign(std::make_move_iterator(queue_.begin()),
                             std::make_move_iterator(split));
                queue_.erase(queue_.begin(), split);
            }
        }
        Batch batch;
        ApplyBatch(tasks, batch);
        tasks.clear();
        {
            std::unique_lock lock(mutex_);
            batch_taken_.wait(lock, [&] { return batches_.size() < kBatchesInFlight; });
            batches_.push_back(std::move(batch));
        }
        batch_ready_.notify_one();
    }
}

void Sequencer::ApplyBatch(std::vector<Pending>& tasks, Batch& batch) {
    const TimeMs now = clock_();
    expired_.clear();
    engine_.ExpireDue(now, expired_);
    for (const OrderId order_id : expired_) {
        batch.records.orders.push_back({*engine_.FindOrder(order_id), {}});
    }
    batch.completions.reserve(tasks.size());
    for (Pending& pending : tasks) {
        if (Completion completion = pending.task(engine_, now, batch.records)) {
            batch.completions.push_back({std::move(completion), pending.home});
        }
    }
}

void Sequencer::WriterLoop() {
    std::deque<Batch> taken;
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

        // Every batch applied while the last commit ran goes into this one: one fsync for all.
        Batch& merged = taken.front();
        for (std::size_t i = 1; i < taken.size(); ++i) {
            Batch& later = taken[i];
            auto& events = merged.records.events;
            auto& orders = merged.records.orders;
            events.insert(events.end(), std::make_move_iterator(later.records.events.begin()),
                          std::make_move_iterator(later.records.events.end()));
            orders.insert(orders.end(), std::make_move_iterator(later.records.orders.begin()),
                          std::make_move_iterator(later.records.orders.end()));
        }
        bool durable = false;
        if (!failed()) {
            const Status status = journal_.Append(merged.records);
            durable = status.ok();
            if (!durable) Fail(status);
        }
        Complete(taken, durable);
        taken.clear();
    }
}

void Sequencer::Complete(std::deque<Batch>& batches, bool durable) {
    // Few homes (one per IO thread): a linear scan beats a map.
    std::vector<std::pair<CompletionHome*, std::vector<Completion>>> by_home;
    for (Batch& batch : batches) {
        for (HomedCompletion& homed : batch.completions) {
            if (homed.home == nullptr) {
                homed.completion(durable);
                continue;
            }
            auto it = std::find_if(by_home.begin(), by_home.end(),
                                   [&](const auto& entry) { return entry.first == homed.home; });
            if (it == by_home.end()) it = by_home.insert(by_home.end(), {homed.home, {}});
            it->second.push_back(std::move(homed.completion));
        }
    }
    for (auto& [home, completions] : by_home) {
        home->Post([completions = std::move(completions), durable]() mutable {
            for (Completion& completion : completions) completion(durable);
        });
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
