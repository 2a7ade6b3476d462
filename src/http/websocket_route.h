// What a WebSocket route's handler sees and decides. The Router has checked the route's Access
// and rate limits (the token comes from `?token=`, since browsers cannot set headers on a
// WebSocket); the handler then either accepts the upgrade with a WebSocketPlan (which topics the
// connection subscribes to, as which user, and what it is sent first) or refuses it with an
// ordinary HTTP answer (404 unknown_event...), after which the connection closes. Beast's
// WebSocket headers stay in websocket_session.cpp: this header is cheap to include.
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "common/types.h"
#include "http/handler.h"
#include "push/push_hub.h"

namespace tix::http {

struct WebSocketPlan {
    push::PushHub* hub = nullptr;  // REQUIRES: not null; outlives the server's connections
    std::vector<push::Topic> topics;
    UserId user{};  // whose personal frames (PushHub::SendTo) it gets; UserId{}: anonymous
    // Written first, each in its slot: the state the handler read. A frame published to the
    // same slot before it is written replaces it.
    std::vector<std::pair<push::Slot, push::Frame>> initial;
};

// Answers an upgrade request once, from any thread (a handler may first submit a command and
// answer from its completion). A second answer is ignored.
class UpgradeResponder {
  public:
    using AcceptFn = std::function<void(WebSocketPlan)>;
    using RefuseFn = std::function<void(Response)>;
    UpgradeResponder(AcceptFn accept, RefuseFn refuse)
        : accept_(std::move(accept)), refuse_(std::move(refuse)) {}

    // Switches protocols and subscribes as `plan` says.
    void Accept(WebSocketPlan plan) const { accept_(std::move(plan)); }
    // Answers with `response` (a problem) instead, then closes the connection.
    void Refuse(Response response) const { refuse_(std::move(response)); }

  private:
    AcceptFn accept_;
    RefuseFn refuse_;
};

using UpgradeHandler = std::function<void(RequestContext& context, UpgradeResponder respond)>;

}  // namespace tix::http
