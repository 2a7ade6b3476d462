// The tokens a sign-up, a login and a refresh answer with: an access token (TokenSigner) and a
// refresh token (RefreshTokenStore), as members of the JSON answer. Any thread; the functions
// that issue a refresh token make a durable write, so call them off the IO threads.
#pragma once

#include <boost/json/object.hpp>

#include "auth/auth_routes.h"
#include "auth/refresh_token_store.h"
#include "common/status.h"
#include "common/types.h"

namespace tix::auth {

// Adds access_token, token_type ("Bearer") and expires_in (seconds) for the user.
void AddAccessToken(boost::json::object& body, const AuthServices& services, UserId user_id,
                    Role role, TimePoint now);

// Adds refresh_token and refresh_expires_in (seconds from `now`).
void AddRefreshToken(boost::json::object& body, const IssuedRefreshToken& refresh, TimePoint now);

// Adds an access token and the refresh token of a new family (a login): both, or — when the
// refresh token could not be stored — only the access token and the store's error.
Status AddNewSession(boost::json::object& body, const AuthServices& services, UserId user_id,
                     Role role, TimePoint now);

}  // namespace tix::auth
