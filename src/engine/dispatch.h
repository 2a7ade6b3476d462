// The one dispatch from a Command to the Engine: ownership checks, the call, the Reply. The
// sequencer runs it on the engine thread; the durable-path simulator runs it directly. What the
// command changed is left in the engine (Engine::DrainChanges) for the caller to journal.
#pragma once

#include "engine/command.h"
#include "engine/engine.h"
#include "engine/reply.h"

namespace tix::engine {

Reply Apply(Engine& engine, Command& command, TimePoint now);

}  // namespace tix::engine
