#include "queue_load_client.h"

#include "pow_solver.h"
#include "queue_user_policy.h"

namespace tix::bench {

// Refusals are counted, not errors: 503 overloaded, and 429 should the server limit loopback.
QueueLoadClient::QueueLoadClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                                 std::chrono::milliseconds timeout, QueueLoadWork& work)
    : ClosedLoopClient(io, server, timeout, {"overloaded", "rate_limited"}), work_(work) {}

void QueueLoadClient::Run(Phase phase, Clock::time_point deadline) {
    phase_ = phase;
    Start(deadline);
}

bool QueueLoadClient::SendNext(HttpConnection& connection) {
    if (phase_ == Phase::kPolls) {
        if (work_.joined.empty()) return false;
        user_ = work_.joined[work_.next_poll++ % work_.joined.size()];
        connection.Send("GET", work_.me_path, work_.tokens[user_], {});
        return true;
    }
    // A user whose challenge could not be had cannot join.
    while (phase_ == Phase::kJoins && work_.next_user < work_.tokens.size() &&
           work_.join_bodies[work_.next_user].empty()) {
        ++work_.next_user;
    }
    if (work_.next_user >= work_.tokens.size()) return false;
    user_ = work_.next_user++;
    if (phase_ == Phase::kChallenges) {
        connection.Send("GET", work_.challenge_path, work_.tokens[user_], {});
    } else {
        connection.Send("POST", work_.queue_path, work_.tokens[user_], work_.join_bodies[user_]);
    }
    return true;
}

void QueueLoadClient::OnSuccess(const HttpAnswer& answer) {
    if (phase_ == Phase::kJoins) work_.joined.push_back(user_);
    if (phase_ != Phase::kChallenges) return;
    // The user's own proof of work, solved here: the setup, before anything is measured.
    if (const auto challenge = ReadChallenge(answer.body)) {
        work_.join_bodies[user_] = R"({"challenge":")" + challenge->challenge + R"(","nonce":")" +
                                   SolveProofOfWork(challenge->challenge, challenge->bits) +
                                   R"("})";
    }
}

}  // namespace tix::bench
