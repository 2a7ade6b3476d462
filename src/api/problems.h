// The one table from domain outcomes to HTTP status + problem code. Handlers never pick a status
// for an engine outcome themselves.
#pragma once

#include "engine/engine.h"
#include "http/handler.h"

namespace tix::api {

http::Response HoldProblem(engine::HoldOutcome outcome);    // REQUIRES: not kOk / kReplayed
http::Response OrderProblem(engine::OrderOutcome outcome);  // REQUIRES: not kOk / kUnchanged

// The sequencer refused (queue full, stopping) or the change could not be made durable.
http::Response Overloaded();
http::Response StorageUnavailable();
http::Response Forbidden(std::string_view detail);
http::Response NotFound(std::string_view code, std::string_view detail);

}  // namespace tix::api
