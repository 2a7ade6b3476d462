// SimulatorHost: the one place that owns the PaymentSimulator at run time. It serialises every
// call with one mutex, reads tixpay's clock once per call, first settles the processing cards
// that are due (so an API call never sees a card that should have succeeded), and hands the
// events each call created to the sink in creation order.
//
// Threads: any. The sink is called with the mutex held (that keeps the outbox in event order),
// so it must only queue: never block, never call back into the host.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/time.h"
#include "tixpay/payment_simulator.h"

namespace tix::tixpay {

// How often the server settles processing cards: a slow card succeeds within this of its time.
inline constexpr std::chrono::milliseconds kTickInterval{50};

class SimulatorHost {
  public:
    using Clock = std::function<TimePoint()>;
    using EventSink = std::function<void(const Event&)>;

    SimulatorHost(std::chrono::seconds slow_card_delay, Clock now, EventSink sink)
        : simulator_(slow_card_delay), now_(std::move(now)), sink_(std::move(sink)) {}

    // Runs fn(simulator, now) under the lock and returns what it returns.
    template <typename Fn>
    auto Run(Fn&& fn) {
        const std::lock_guard lock(mutex_);
        const TimePoint now = now_();
        simulator_.Advance(now);
        if constexpr (std::is_void_v<std::invoke_result_t<Fn, PaymentSimulator&, TimePoint>>) {
            std::forward<Fn>(fn)(simulator_, now);
            Publish();
        } else {
            auto result = std::forward<Fn>(fn)(simulator_, now);
            Publish();
            return result;
        }
    }

    // Settles what is due by now (the server's timer calls this every kTickInterval).
    void Tick() {
        Run([](PaymentSimulator&, TimePoint) {});
    }

  private:
    void Publish() {
        fresh_.clear();
        simulator_.DrainNewEvents(fresh_);
        for (const Event& event : fresh_) sink_(event);
    }

    std::mutex mutex_;
    PaymentSimulator simulator_;  // guarded by mutex_
    Clock now_;
    EventSink sink_;
    std::vector<Event> fresh_;  // guarded by mutex_; kept to reuse its memory
};

}  // namespace tix::tixpay
