// PATCH /api/v1/admin/users/{id} (admin): sets an account's member weight, the W of its bids'
// scores (docs/api.md, "Bidding"). The write is durable before the answer, on the account writer
// (never an IO thread); bids placed from then on use the new weight, bids already placed keep
// theirs.
//
//   {"weight": 0.5..5.0} -> 200 {user_id, email, name, role, weight}
//   400 invalid_field (no weight, not a number in range, another field), 401, 403 (not an admin),
//   404 unknown_user, 503 overloaded | storage_unavailable (nothing changed)
#pragma once

#include "auth/auth_routes.h"

namespace tix::auth {

// REQUIRES: everything in `services` outlives the Router; call before the server starts.
void AddUserWeightRoutes(http::Router& router, const AuthServices& services);

}  // namespace tix::auth
