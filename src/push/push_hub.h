// PushHub: the port between whoever has something to tell connected clients (a ticker with
// availability, a campaign's ranking, the sequencer's completion of a bid) and the connections
// subscribed to a topic. LocalPushHub is the in-process implementation; a multi-node tixd could
// back this interface with Redis pub/sub without touching publishers or sockets.
//
// Thread-safe: every method may be called from any thread. Publishing never blocks on a socket:
// it costs one Subscriber::Offer (a post) per subscriber, made with no lock held.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "common/types.h"
#include "push/frame.h"
#include "push/subscriber.h"

namespace tix::push {

class PushHub;

// One subscriber on one topic, for as long as this object lives (move-only). Destroying it
// unsubscribes: the subscriber is offered nothing more from the topic after that returns.
class Subscription {
  public:
    Subscription() = default;
    Subscription(PushHub* hub, Topic topic, const Subscriber* subscriber);
    ~Subscription();
    Subscription(Subscription&& other) noexcept;
    Subscription& operator=(Subscription&& other) noexcept;
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;

    const Topic& topic() const { return topic_; }

  private:
    void Reset();

    PushHub* hub_ = nullptr;
    Topic topic_;
    const Subscriber* subscriber_ = nullptr;
};

class PushHub {
  public:
    virtual ~PushHub() = default;

    // Subscribes to `topic` as `user` (UserId{}: anonymous, who gets no personal frames) and
    // offers the subscriber the topic's retained frames at once: the latest Publish per slot, so
    // that a socket joining between two ticks is not left with an older state than its peers.
    // REQUIRES: the hub outlives the Subscription; subscriber is not null.
    [[nodiscard]] virtual Subscription Subscribe(Topic topic, UserId user,
                                                 const std::shared_ptr<Subscriber>& subscriber) = 0;

    // Offers `frame` to every subscriber of `topic` in `slot` (coalescing), and retains it for
    // later subscribers. A topic without subscribers retains nothing.
    virtual void Publish(const Topic& topic, Slot slot, Frame frame) = 0;
    // Offers `frame` to `user`'s subscribers of `topic` (every tab), queued, never coalesced.
    virtual void SendTo(const Topic& topic, UserId user, Frame frame) = 0;

    virtual std::size_t SubscriberCount(const Topic& topic) const = 0;
    // Every topic with at least one subscriber, in no particular order.
    virtual std::vector<Topic> Topics() const = 0;

  private:
    friend class Subscription;
    virtual void Unsubscribe(const Topic& topic, const Subscriber* subscriber) = 0;
};

}  // namespace tix::push
