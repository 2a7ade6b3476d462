// POST /api/v1/admin/users/{id}/ban (admin): bans an account. Once the ban is durable its access
// tokens stop working (the token verifier looks the user up on every request), its refresh
// tokens are revoked and it cannot log in; then the composition root's follow-up runs (the engine
// removes the account's queue entries and live holds) and the answer waits for it. A request of
// the account that was already past authentication when the ban landed may still complete.
//
//   200 {user_id, email, name, role, banned_at}; banning a banned account again is 200 with the
//       first ban's banned_at, and runs the revocation and the follow-up again (so an admin
//       repeats a ban that failed half-way)
//   401, 403 (not an admin), 404 unknown_user, 409 cannot_ban_self,
//   503 overloaded | storage_unavailable (the ban, the revocation or the follow-up failed:
//       repeat it)
#pragma once

#include <functional>

#include "auth/auth_routes.h"

namespace tix::auth {

// What has to happen beyond the accounts when a user is banned. Called on the account writer's
// thread once the directory's ban and the revocation of the refresh tokens are durable, with
// `done` to call exactly once, from any thread, when it has finished (`ok`) or failed. It must
// not block (submit the work elsewhere). Called again for each repeated ban of the same user:
// it must be idempotent.
using BanFollowUp = std::function<void(UserId user_id, std::function<void(bool ok)> done)>;

// REQUIRES: everything in `services` outlives the Router; call before the server starts. A null
// follow-up answers as soon as the accounts' part is durable.
void AddBanRoutes(http::Router& router, const AuthServices& services, BanFollowUp follow_up = {});

}  // namespace tix::auth
