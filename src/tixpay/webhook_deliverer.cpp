#include "tixpay/webhook_deliverer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cassert>

#include "tixpay/signature_header.h"

namespace tix::tixpay {

using SteadyClock = std::chrono::steady_clock;

WebhookDeliverer::WebhookDeliverer(Options options)
    : options_(std::move(options)),
      client_(options_.target.value_or(WebhookTarget{}), options_.timeout),
      faults_(options_.faults),
      has_target_(options_.target.has_value()),
      drop_left_(options_.faults.drop_first),
      random_(options_.seed) {
    assert(!options_.secrets.empty() && options_.now);
    for ([[maybe_unused]] const std::string& secret : options_.secrets) assert(!secret.empty());
    thread_ = std::thread([this] { Run(); });
}

WebhookDeliverer::~WebhookDeliverer() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    client_.Cancel();
    thread_.join();
}

void WebhookDeliverer::Enqueue(std::string event_id, std::string body) {
    {
        const std::lock_guard lock(mutex_);
        ++counters_.events;
        if (drop_left_ > 0) {
            --drop_left_;
            ++counters_.dropped;
            return;
        }
        const std::size_t copies = faults_.duplicate ? 2 : 1;
        if (outbox_.size() + copies > options_.outbox_max) {
            ++counters_.dropped;
            spdlog::warn("webhooks: outbox full ({} waiting), event {} will not be delivered",
                         outbox_.size(), event_id);
            return;
        }
        // Never before the one ahead of it: the outbox stays sorted by not_before (TakeNext
        // relies on it) even when the delay is shortened while events wait.
        SteadyClock::time_point not_before = SteadyClock::now() + faults_.delay;
        if (!outbox_.empty()) not_before = std::max(not_before, outbox_.back().not_before);
        if (copies == 2) outbox_.push_back({event_id, body, not_before});
        outbox_.push_back({std::move(event_id), std::move(body), not_before});
        counters_.pending += copies;
    }
    wake_.notify_one();
}

void WebhookDeliverer::SetTarget(WebhookTarget target) {
    {
        const std::lock_guard lock(mutex_);
        new_target_ = std::move(target);
        has_target_ = true;
    }
    wake_.notify_all();
}

void WebhookDeliverer::SetFaults(const WebhookFaults& faults, bool restart_drop_count) {
    {
        const std::lock_guard lock(mutex_);
        faults_ = faults;
        if (restart_drop_count) drop_left_ = faults.drop_first;
    }
    wake_.notify_one();
}

WebhookFaults WebhookDeliverer::faults() const {
    const std::lock_guard lock(mutex_);
    return faults_;
}

DeliveryCounters WebhookDeliverer::counters() const {
    const std::lock_guard lock(mutex_);
    return counters_;
}

void WebhookDeliverer::Run() {
    Lock lock(mutex_);
    Delivery delivery;
    while (TakeNext(lock, delivery)) {
        if (!DeliverWithRetries(lock, delivery)) return;
    }
}

bool WebhookDeliverer::TakeNext(Lock& lock, Delivery& delivery) {
    for (;;) {
        if (stopping_) return false;
        if (outbox_.empty() || !has_target_) {
            wake_.wait(lock);
            continue;
        }
        const SteadyClock::time_point now = SteadyClock::now();
        if (outbox_.front().not_before > now) {
            wake_.wait_until(lock, outbox_.front().not_before);
            continue;
        }
        auto pick = outbox_.begin();
        if (faults_.shuffle) {
            // Any of those whose delay is over (a prefix: the outbox is sorted by not_before).
            const auto ready_end = std::partition_point(
                outbox_.begin(), outbox_.end(),
                [now](const Delivery& waiting) { return waiting.not_before <= now; });
            std::uniform_int_distribution<std::ptrdiff_t> index(0, ready_end - outbox_.begin() - 1);
            pick += index(random_);
        }
        delivery = std::move(*pick);
        outbox_.erase(pick);
        return true;
    }
}

bool WebhookDeliverer::DeliverWithRetries(Lock& lock, const Delivery& delivery) {
    for (int failures = 0;;) {
        if (new_target_) {
            client_.Retarget(std::move(*new_target_));  // no Post in progress: ours is next
            new_target_.reset();
        }
        lock.unlock();
        // Signed at each attempt: the timestamp must be recent when the receiver checks it.
        const std::string signature =
            SignatureHeaderForSecrets(options_.secrets, options_.now(), delivery.body);
        const PostOutcome outcome = client_.Post(delivery.body, signature);
        lock.lock();
        ++counters_.attempts;
        if (outcome.delivered()) {
            ++counters_.delivered;
            --counters_.pending;
            if (failures > 0) {
                spdlog::info("webhooks: event {} delivered after {} failed attempts",
                             delivery.event_id, failures);
            }
            return true;
        }
        if (stopping_) return false;
        ++failures;
        const std::chrono::milliseconds wait = Backoff(failures);
        const std::string why =
            outcome.status != 0 ? "status " + std::to_string(outcome.status) : outcome.error;
        // The first failure of a delivery says the receiver is in trouble; the retries add
        // nothing at warn level.
        spdlog::log(failures == 1 ? spdlog::level::warn : spdlog::level::debug,
                    "webhooks: event {} attempt {} failed ({}), retrying in {} ms",
                    delivery.event_id, failures, why, wait.count());
        if (wake_.wait_for(lock, wait, [this] { return stopping_ || new_target_.has_value(); }) &&
            stopping_) {
            return false;
        }
    }
}

std::chrono::milliseconds WebhookDeliverer::Backoff(int failures) {
    // 2^20 * 100 ms is far past any sane maximum: the shift stops there.
    const int doublings = std::min(failures - 1, 20);
    const auto base = std::min<std::chrono::milliseconds>(
        options_.backoff_first * (std::int64_t{1} << doublings), options_.backoff_max);
    std::uniform_real_distribution<double> jitter(1.0 - kBackoffJitter, 1.0 + kBackoffJitter);
    const auto jittered =
        std::chrono::milliseconds{static_cast<std::int64_t>(base.count() * jitter(random_))};
    return std::min(jittered, options_.backoff_max);
}

}  // namespace tix::tixpay
