// Waiting-room routes (issue 8), under /api/v1/events/{event_id}/queue: the room's public figures
// and its draw, the admin's live changes (PATCH), and a user's challenge, join and status. Each
// parses, checks what needs no engine state on the IO thread (the challenge's signature and the
// proof of work), submits one command and renders its reply; the room itself lives in the engine.
#pragma once

#include "api/queue_challenge.h"
#include "http/router.h"
#include "service/sequencer.h"

namespace tix::api {

// `signer` must outlive the router; `clock` is the server's (ServerClock::Now), read on IO
// threads to issue and check challenges.
void AddQueueRoutes(http::Router& router, service::Sequencer& sequencer,
                    const ChallengeSigner& signer, service::Sequencer::Clock clock);

}  // namespace tix::api
