#include "auth/session_tokens.h"

#include <chrono>

namespace tix::auth {

void AddAccessToken(boost::json::object& body, const AuthServices& services, UserId user_id,
                    Role role, TimePoint now) {
    body["access_token"] = services.signer.Issue(user_id, role, now);
    body["token_type"] = "Bearer";
    body["expires_in"] = services.signer.lifetime().count();
}

void AddRefreshToken(boost::json::object& body, const IssuedRefreshToken& refresh, TimePoint now) {
    body["refresh_token"] = refresh.token;
    body["refresh_expires_in"] =
        std::chrono::duration_cast<std::chrono::seconds>(refresh.expires_at - now).count();
}

Status AddNewSession(boost::json::object& body, const AuthServices& services, UserId user_id,
                     Role role, TimePoint now) {
    AddAccessToken(body, services, user_id, role, now);
    const Result<IssuedRefreshToken> refresh = services.refresh_tokens.Issue(user_id, now);
    if (!refresh.ok()) return refresh.status();
    AddRefreshToken(body, *refresh, now);
    return Status::Ok();
}

}  // namespace tix::auth
