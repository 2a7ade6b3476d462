#include "auth_client.h"

namespace tix::bench {

// 503 overloaded is the server's allowed refusal; any other answer but success is an error.
AuthClient::AuthClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                       std::chrono::milliseconds timeout, AuthAccounts& accounts)
    : ClosedLoopClient(io, server, timeout, {"overloaded"}), accounts_(accounts) {}

void AuthClient::Run(Phase phase, Clock::time_point deadline) {
    phase_ = phase;
    Start(deadline);
}

bool AuthClient::SendNext(HttpConnection& connection) {
    // The emails are ours (a checked prefix, digits) and so is the password: no JSON escaping.
    if (phase_ == Phase::kSignUp) {
        email_ = accounts_.NewEmail();
        body_ = R"({"email":")" + email_ + R"(","password":")" + accounts_.password() +
                R"(","name":"Bench"})";
    } else {
        const std::string* email = accounts_.NextLogin();
        if (email == nullptr) return false;  // nothing to log in as: the runner reports it
        email_ = *email;
        body_ = R"({"email":")" + email_ + R"(","password":")" + accounts_.password() + R"("})";
    }
    connection.Send("POST",
                    phase_ == Phase::kSignUp ? "/api/v1/auth/register" : "/api/v1/auth/login", {},
                    body_);
    return true;
}

void AuthClient::OnSuccess(const HttpAnswer&) {
    if (phase_ == Phase::kSignUp) accounts_.Add(email_);
}

}  // namespace tix::bench
