// Engine outcomes as problem answers: each outcome names its entry of the problem catalog
// (http/problem_catalog.h), which holds every code, status and title. Handlers never pick a
// status for an engine outcome themselves.
#pragma once

#include <string_view>

#include "engine/engine.h"
#include "engine/reply.h"
#include "http/handler.h"
#include "http/problem_catalog.h"

namespace tix::api {

http::Response HoldProblem(engine::HoldOutcome outcome);    // REQUIRES: not kOk / kReplayed
http::Response OrderProblem(engine::OrderOutcome outcome);  // REQUIRES: not kOk / kUnchanged

// Waiting rooms: 404 unknown_event / no_queue (REQUIRES: not kFound); the join's refusals
// (REQUIRES: not kJoined / kAlreadyJoined); PATCH's (REQUIRES: not kUpdated / kCreated).
http::Response QueueLookupProblem(engine::QueueLookup lookup);
http::Response JoinProblem(engine::JoinOutcome outcome);
http::Response QueueSetupProblem(engine::QueueSetupOutcome outcome);

// Tickets: a transfer's refusals (REQUIRES: not kOk); a scan's (REQUIRES: not kAdmitted; a
// double entry or an already recorded scan is 409 already_checked_in).
http::Response TransferProblem(engine::TransferOutcome outcome);
http::Response ScanProblem(engine::ScanOutcome outcome);

// Bidding: a bid's refusals (REQUIRES: not kOk), a campaign's (REQUIRES: not kOk). The bid's
// reply, when it names the campaign, gives the detail (the window, the minimum price).
http::Response BidProblem(const engine::BidReply& reply);
http::Response CampaignSetupProblem(engine::CampaignSetupOutcome outcome);

// The sequencer refused (queue full, stopping) or the change could not be made durable.
http::Response Overloaded();
http::Response StorageUnavailable();
http::Response Forbidden(std::string_view detail);
// `code` names a catalog entry ("unknown_event", "unknown_user"); an unknown code is logged as a
// bug and answered as the generic not_found.
http::Response NotFound(http::Problem problem, std::string_view detail);

}  // namespace tix::api
