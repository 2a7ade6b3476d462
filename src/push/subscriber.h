// Subscriber: what a PushHub delivers to, one per connection (http::WebSocketSession; a fake in
// tests). The hub calls it from publishing threads (timers, sequencer completions) with no lock
// held: an implementation hands the frame to its own executor and returns at once, so a slow
// reader never holds a publisher back.
#pragma once

#include "push/frame.h"

namespace tix::push {

class Subscriber {
  public:
    virtual ~Subscriber() = default;

    // A broadcast frame: replaces the frame of the same slot still waiting to be written.
    // Any thread; must not block.
    virtual void Offer(Slot slot, Frame frame) = 0;
    // A message for this connection's user alone (bid_accepted): queued, never dropped; a
    // subscriber whose small queue overflows closes. Any thread; must not block.
    virtual void OfferPersonal(Frame frame) = 0;
};

}  // namespace tix::push
