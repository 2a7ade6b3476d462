// The WebSocket side of an HttpServer connection. A Session whose upgrade request was accepted
// hands its socket here; the WebSocketSession (websocket_session.cpp, the only file that includes
// Beast's websocket headers) completes the handshake, subscribes as the plan says, writes what the
// hub offers it one frame at a time (push::OutboundQueue keeps the rest, bounded), answers
// {"event":"ping"} with {"event":"pong"}, and closes on idle (Beast's keep-alive pings), on a
// personal queue overflow (1013 try again later), on the peer's close, or when the server stops.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "http/handler.h"
#include "http/session.h"
#include "http/websocket_route.h"

namespace tix::http {

// Takes over `socket`, registered with the server (so it counts against connections_max and is
// closed by Stop). REQUIRES: `request` is the upgrade request the socket sent; the socket's
// executor serializes handlers; plan.hub is set.
void StartWebSocketSession(boost::asio::ip::tcp::socket socket, Request request, WebSocketPlan plan,
                           std::shared_ptr<ServerShared> shared);

}  // namespace tix::http
