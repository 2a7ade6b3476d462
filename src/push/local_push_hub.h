// LocalPushHub: the PushHub of one tixd process. A map of topics, each with its subscribers (by
// connection and by user) and its retained frames, under one mutex held only to update the map
// or to take a snapshot of a topic's subscribers; frames are offered after it is released, so a
// publisher's cost is one post per subscriber and no socket is ever touched under the lock.
// Thread-safe (see PushHub).
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "push/push_hub.h"

namespace tix::push {

class LocalPushHub final : public PushHub {
  public:
    LocalPushHub() = default;
    // REQUIRES: no Subscription of this hub is left.
    ~LocalPushHub() override = default;
    LocalPushHub(const LocalPushHub&) = delete;
    LocalPushHub& operator=(const LocalPushHub&) = delete;

    [[nodiscard]] Subscription Subscribe(Topic topic, UserId user,
                                         const std::shared_ptr<Subscriber>& subscriber) override;
    void Publish(const Topic& topic, Slot slot, Frame frame) override;
    void SendTo(const Topic& topic, UserId user, Frame frame) override;
    std::size_t SubscriberCount(const Topic& topic) const override;
    std::vector<Topic> Topics() const override;

  private:
    struct Member {
        std::weak_ptr<Subscriber> subscriber;  // weak: a closing socket is not kept alive here
        UserId user;
    };
    struct TopicState {
        std::unordered_map<const Subscriber*, Member> members;
        std::unordered_multimap<UserId, const Subscriber*> by_user;  // signed-in members only
        std::array<Frame, kSlotCount> retained;                      // latest Publish per slot
    };
    using Snapshot = std::vector<std::shared_ptr<Subscriber>>;

    void Unsubscribe(const Topic& topic, const Subscriber* subscriber) override;

    mutable std::mutex mutex_;  // guards topics_; never held while offering a frame
    std::unordered_map<Topic, TopicState> topics_;
};

}  // namespace tix::push
