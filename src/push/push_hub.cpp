#include "push/push_hub.h"

#include <utility>

namespace tix::push {

Subscription::Subscription(PushHub* hub, Topic topic, const Subscriber* subscriber)
    : hub_(hub), topic_(std::move(topic)), subscriber_(subscriber) {}

Subscription::~Subscription() { Reset(); }

Subscription::Subscription(Subscription&& other) noexcept
    : hub_(std::exchange(other.hub_, nullptr)),
      topic_(std::move(other.topic_)),
      subscriber_(std::exchange(other.subscriber_, nullptr)) {}

Subscription& Subscription::operator=(Subscription&& other) noexcept {
    if (this != &other) {
        Reset();
        hub_ = std::exchange(other.hub_, nullptr);
        topic_ = std::move(other.topic_);
        subscriber_ = std::exchange(other.subscriber_, nullptr);
    }
    return *this;
}

void Subscription::Reset() {
    if (hub_ != nullptr) hub_->Unsubscribe(topic_, subscriber_);
    hub_ = nullptr;
}

}  // namespace tix::push
