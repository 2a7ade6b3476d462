// WebhookDeliverer: the outbox of tixpay's webhooks. Each event handed to Enqueue is POSTed to the
// webhook URL, signed with every secret (tixpay/signature_header.h), by one delivery thread, one
// delivery at a time, oldest first: a delivery that fails (non-2xx, refused, 5 s timeout) is
// retried with exponential backoff (100 ms doubling to 30 s, +-20 % jitter) until a 2xx, and the
// ones behind it wait, so a receiver that was down gets the events in order once it is back.
// The fault switches (docs/tixpay.md) make it misbehave as real providers do: duplicate, shuffle,
// delay and drop.
//
// Until a target is set (--webhook-url, or POST /v1/webhook_endpoints) events wait in the outbox.
//
// Threads: Enqueue, SetTarget, SetFaults, faults and counters from any thread (one mutex, never
// held while sending); the delivery thread is the object's own. Enqueue never blocks on the
// network.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "common/time.h"
#include "tixpay/webhook_client.h"

namespace tix::tixpay {

// Deliveries waiting at most; an event that would go past it is dropped (counted, logged; it
// stays in /v1/events), since the API must not wait on a receiver that is down.
inline constexpr std::size_t kOutboxMax = 100'000;
inline constexpr std::chrono::milliseconds kDeliveryTimeout{5'000};
inline constexpr std::chrono::milliseconds kBackoffFirst{100};
inline constexpr std::chrono::milliseconds kBackoffMax{30'000};
inline constexpr double kBackoffJitter = 0.2;  // each wait is off by up to this fraction
static_assert(kBackoffFirst <= kBackoffMax);

struct WebhookFaults {
    bool duplicate = false;              // every event is delivered twice
    bool shuffle = false;                // waiting deliveries go out in random order
    std::chrono::milliseconds delay{0};  // before an event's first delivery
    std::uint64_t drop_first = 0;        // the next N events are never delivered
};

// Figures for GET /v1/test/deliveries. Events are counted once; deliveries (two per event with
// duplicate) make up delivered and pending.
struct DeliveryCounters {
    std::uint64_t events = 0;     // handed to Enqueue
    std::uint64_t delivered = 0;  // deliveries answered 2xx
    std::uint64_t pending = 0;    // deliveries waiting or in flight
    std::uint64_t dropped = 0;    // events never to be delivered (drop_first, full outbox)
    std::uint64_t attempts = 0;   // POSTs made, failed or not
};

class WebhookDeliverer {
  public:
    struct Options {
        std::optional<WebhookTarget> target;  // none: deliveries wait for SetTarget
        std::vector<std::string> secrets;     // each signs every delivery; not empty
        std::function<TimePoint()> now;       // signature timestamps (tixpay's clock)
        WebhookFaults faults;
        std::uint64_t seed = 0;  // shuffle order and jitter
        std::chrono::milliseconds timeout = kDeliveryTimeout;
        std::chrono::milliseconds backoff_first = kBackoffFirst;
        std::chrono::milliseconds backoff_max = kBackoffMax;
        std::size_t outbox_max = kOutboxMax;
    };

    // Starts the delivery thread. REQUIRES: options.secrets has no empty secret and is not
    // empty; options.now is set.
    explicit WebhookDeliverer(Options options);
    // Stops the thread; a delivery in flight is abandoned, undelivered ones are lost (tixpay
    // keeps no state across restarts).
    ~WebhookDeliverer();
    WebhookDeliverer(const WebhookDeliverer&) = delete;
    WebhookDeliverer& operator=(const WebhookDeliverer&) = delete;

    // Queues an event's body (the JSON the receiver gets) for delivery.
    void Enqueue(std::string event_id, std::string body);
    // Where deliveries go from now on; a delivery being retried goes there at once.
    void SetTarget(WebhookTarget target);

    // Replaces the fault switches. With restart_drop_count the next faults.drop_first events are
    // dropped (otherwise what is left of the count stays); delay applies to events enqueued from
    // now on; shuffle to what is waiting.
    void SetFaults(const WebhookFaults& faults, bool restart_drop_count = true);
    WebhookFaults faults() const;
    DeliveryCounters counters() const;

  private:
    struct Delivery {
        std::string event_id;
        std::string body;
        std::chrono::steady_clock::time_point not_before;
    };
    using Lock = std::unique_lock<std::mutex>;

    void Run();
    // Waits for a delivery that may go now and takes it out; false when stopping.
    bool TakeNext(Lock& lock, Delivery& delivery);
    // Sends until a 2xx (true) or until stopping (false).
    bool DeliverWithRetries(Lock& lock, const Delivery& delivery);
    std::chrono::milliseconds Backoff(int failures);

    Options options_;
    WebhookClient client_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Delivery> outbox_;              // guarded by mutex_
    WebhookFaults faults_;                     // guarded by mutex_
    bool has_target_ = false;                  // guarded by mutex_
    std::optional<WebhookTarget> new_target_;  // guarded by mutex_; for the client, not yet used
    std::uint64_t drop_left_ = 0;              // guarded by mutex_
    DeliveryCounters counters_;                // guarded by mutex_
    bool stopping_ = false;                    // guarded by mutex_
    std::mt19937_64 random_;  // the delivery thread's, under mutex_ for the shuffle pick
    std::thread thread_;      // last: starts once everything above is ready
};

}  // namespace tix::tixpay
