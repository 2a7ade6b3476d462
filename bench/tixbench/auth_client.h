// AuthClient: one connection of `tixbench auth`, in a closed loop until the phase's deadline:
// sign-ups (POST /api/v1/auth/register with a fresh email each time) or logins (POST
// /api/v1/auth/login as the accounts the sign-ups made, taken in turn). Both cost the server one
// Argon2id hash, so this measures its password hashing as a client sees it. Counts go into the
// client's own PhaseStats. Runs on its io_context's thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "closed_loop_client.h"

namespace tix::bench {

// The accounts of one run: made by the sign-up phase, logged into by the login phase. Shared by
// the clients of one io_context thread, so it needs no lock.
class AuthAccounts {
  public:
    AuthAccounts(std::string email_prefix, std::string password)
        : email_prefix_(std::move(email_prefix)), password_(std::move(password)) {}

    std::string NewEmail() { return email_prefix_ + std::to_string(next_new_++) + "@bench.tix"; }
    void Add(std::string email) { emails_.push_back(std::move(email)); }
    // The next account to log in as, round-robin; nullptr when there is none.
    const std::string* NextLogin() {
        if (emails_.empty()) return nullptr;
        return &emails_[next_login_++ % emails_.size()];
    }
    std::size_t size() const { return emails_.size(); }
    const std::string& password() const { return password_; }

  private:
    std::string email_prefix_;
    std::string password_;
    std::uint64_t next_new_ = 0;
    std::vector<std::string> emails_;
    std::uint64_t next_login_ = 0;
};

class AuthClient final : public ClosedLoopClient {
  public:
    enum class Phase : std::uint8_t { kSignUp, kLogin };

    AuthClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
               std::chrono::milliseconds timeout, AuthAccounts& accounts);

    // Starts the loop: a request as soon as the last one is answered, none after `deadline`.
    void Run(Phase phase, Clock::time_point deadline);

  private:
    bool SendNext(HttpConnection& connection) override;
    unsigned SuccessStatus() const override { return phase_ == Phase::kSignUp ? 201 : 200; }
    void OnSuccess(const HttpAnswer& answer) override;

    AuthAccounts& accounts_;
    Phase phase_ = Phase::kSignUp;
    std::string email_;  // of the request in flight
    std::string body_;   // reused: the request's JSON
};

}  // namespace tix::bench
