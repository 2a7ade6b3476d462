#include "push/local_push_hub.h"

#include <cassert>
#include <utility>

namespace tix::push {
namespace {

// The subscriber behind a member, if its connection is still alive (one that is closing has
// already let go and is about to unsubscribe).
void AddIfAlive(const std::weak_ptr<Subscriber>& member,
                std::vector<std::shared_ptr<Subscriber>>& out) {
    if (auto subscriber = member.lock()) out.push_back(std::move(subscriber));
}

}  // namespace

Subscription LocalPushHub::Subscribe(Topic topic, UserId user,
                                     const std::shared_ptr<Subscriber>& subscriber) {
    assert(subscriber != nullptr);
    std::array<Frame, kSlotCount> retained;
    {
        std::lock_guard lock(mutex_);
        TopicState& state = topics_[topic];
        const bool added = state.members.emplace(subscriber.get(), Member{subscriber, user}).second;
        assert(added);  // one subscription per subscriber and topic
        if (added && user) state.by_user.emplace(user, subscriber.get());
        retained = state.retained;
    }
    for (std::size_t slot = 0; slot < kSlotCount; ++slot) {
        if (retained[slot] != nullptr) subscriber->Offer(static_cast<Slot>(slot), retained[slot]);
    }
    return Subscription(this, std::move(topic), subscriber.get());
}

void LocalPushHub::Publish(const Topic& topic, Slot slot, Frame frame) {
    Snapshot snapshot;
    {
        std::lock_guard lock(mutex_);
        const auto it = topics_.find(topic);
        if (it == topics_.end()) return;
        it->second.retained[static_cast<std::size_t>(slot)] = frame;
        snapshot.reserve(it->second.members.size());
        for (const auto& [key, member] : it->second.members)
            AddIfAlive(member.subscriber, snapshot);
    }
    for (const auto& subscriber : snapshot) subscriber->Offer(slot, frame);
}

void LocalPushHub::SendTo(const Topic& topic, UserId user, Frame frame) {
    Snapshot snapshot;
    {
        std::lock_guard lock(mutex_);
        const auto it = topics_.find(topic);
        if (it == topics_.end()) return;
        const auto [first, last] = it->second.by_user.equal_range(user);
        for (auto entry = first; entry != last; ++entry) {
            AddIfAlive(it->second.members.at(entry->second).subscriber, snapshot);
        }
    }
    for (const auto& subscriber : snapshot) subscriber->OfferPersonal(frame);
}

std::size_t LocalPushHub::SubscriberCount(const Topic& topic) const {
    std::lock_guard lock(mutex_);
    const auto it = topics_.find(topic);
    return it == topics_.end() ? 0 : it->second.members.size();
}

std::vector<Topic> LocalPushHub::Topics() const {
    std::lock_guard lock(mutex_);
    std::vector<Topic> topics;
    topics.reserve(topics_.size());
    for (const auto& [topic, state] : topics_) topics.push_back(topic);
    return topics;
}

void LocalPushHub::Unsubscribe(const Topic& topic, const Subscriber* subscriber) {
    std::lock_guard lock(mutex_);
    const auto it = topics_.find(topic);
    if (it == topics_.end()) return;
    TopicState& state = it->second;
    const auto member = state.members.find(subscriber);
    if (member == state.members.end()) return;
    if (member->second.user) {
        const auto [first, last] = state.by_user.equal_range(member->second.user);
        for (auto entry = first; entry != last; ++entry) {
            if (entry->second == subscriber) {
                state.by_user.erase(entry);
                break;
            }
        }
    }
    state.members.erase(member);
    // An unwatched topic keeps nothing, retained frames included: its next subscriber is given
    // the current state by whoever accepts it.
    if (state.members.empty()) topics_.erase(it);
}

}  // namespace tix::push
