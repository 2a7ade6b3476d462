// POST /api/v1/auth/refresh and POST /api/v1/auth/logout: a new access token for a refresh token,
// and the end of a session. Public routes (the refresh token is the credential: an access token
// may well have expired by then). Their durable writes run on AuthServices::account_writer.
//
//   POST /api/v1/auth/refresh {"refresh_token"}
//        200 {access_token, token_type, expires_in, refresh_token, refresh_expires_in, user_id,
//             role}: the presented token is used up; keep the new one
//        400 invalid_field, 401 invalid_refresh_token (unknown, expired, revoked, of a banned
//        account, or already used — which, later than kRefreshReuseGrace after its use, revokes
//        every token of that login),
//        503 overloaded | storage_unavailable
//   POST /api/v1/auth/logout {"refresh_token"}
//        204: the token and every token of its login are revoked (an unknown or already revoked
//        token is answered the same, RFC 7009 §2.2); 400 invalid_field, 503 overloaded |
//        storage_unavailable
#pragma once

#include <cstddef>

#include "auth/auth_routes.h"

namespace tix::auth {

// Read limit of the refresh_token field: generous, so that a wrong token of any plausible length
// is a 401 invalid_refresh_token rather than a 400.
inline constexpr std::size_t kRefreshTokenReadCharsMax = 1'024;

// REQUIRES: everything in `services` outlives the Router; call before the server starts.
void AddRefreshRoutes(http::Router& router, const AuthServices& services);

}  // namespace tix::auth
