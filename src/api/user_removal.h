// The engine's part of a ban (POST /api/v1/admin/users/{id}/ban, whose route is in auth/): the
// banned user's held orders and waiting-room places go, through the sequencer and durably like
// any other change.
#pragma once

#include <functional>

#include "common/types.h"
#include "service/sequencer.h"

namespace tix::api {

// Called with whether the removal is durable (false: refused or not made durable; a retry of the
// ban may repeat it, the removal is idempotent). Runs on the submitting thread's CompletionHome
// when it has one, else on the sequencer's writer thread: it must not block.
using RemovalDone = std::function<void(bool durable)>;
using UserRemover = std::function<void(UserId user_id, RemovalDone done)>;

// REQUIRES: the sequencer outlives every call of the result.
UserRemover MakeUserRemover(service::Sequencer& sequencer);

}  // namespace tix::api
