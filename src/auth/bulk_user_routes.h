// POST /api/v1/admin/users/bulk (admin): creates many accounts at once and hands back a token for
// each — for load tests and imports, where thousands of sign-ups through Argon2id would take
// hours. The accounts have no usable password (login always answers bad_credentials); they act
// through the returned tokens until those expire.
//
//   {"count": 1..10000, "email_prefix": "bench-", "email_domain": "bench.local", "start": 0}
//   201 {"users":[{"user_id","email","access_token"}…], "token_type":"Bearer", "expires_in"}
//       emails are <email_prefix><start+i>@<email_domain>, in order
//   400 invalid_field | invalid_email, 401, 403, 409 email_taken (nothing created), 503
#pragma once

#include <cstdint>

#include "auth/auth_routes.h"

namespace tix::auth {

inline constexpr std::int64_t kBulkUsersMax = 10'000;  // per request: bounds the reply (~2.5 MB)

// REQUIRES: everything in `services` outlives the Router; call before the server starts.
void AddBulkUserRoutes(http::Router& router, const AuthServices& services);

}  // namespace tix::auth
