#include "auth_client.h"

#include <cstdio>

namespace tix::bench {
namespace {

// After a transport error the connection reconnects; a short pause keeps a dead server from
// turning the bench into a busy loop of failed connects.
constexpr std::chrono::milliseconds kErrorBackoff{20};

// The problem+json `code`, found without parsing the whole body.
std::string_view ProblemCode(std::string_view body) {
    constexpr std::string_view kKey = "\"code\":\"";
    const std::size_t start = body.find(kKey);
    if (start == std::string_view::npos) return {};
    const std::size_t from = start + kKey.size();
    const std::size_t end = body.find('"', from);
    return end == std::string_view::npos ? std::string_view{} : body.substr(from, end - from);
}

}  // namespace

AuthClient::AuthClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                       std::chrono::milliseconds timeout, AuthAccounts& accounts)
    : connection_(io, server, timeout, *this), accounts_(accounts), backoff_(io) {}

void AuthClient::Connect(std::function<void(boost::beast::error_code)> done) {
    connection_.Connect(std::move(done));
}

void AuthClient::Run(Phase phase, Clock::time_point deadline) {
    phase_ = phase;
    deadline_ = deadline;
    last_answer_ = Clock::now();
    SendNext();
}

PhaseStats AuthClient::TakeStats() {
    outcomes_.AddTo(stats_);
    outcomes_ = OutcomeCounter();
    PhaseStats taken = std::move(stats_);
    stats_ = PhaseStats();
    return taken;
}

void AuthClient::SendNext() {
    if (Clock::now() >= deadline_) return;
    // The emails are ours (a checked prefix, digits) and so is the password: no JSON escaping.
    if (phase_ == Phase::kSignUp) {
        email_ = accounts_.NewEmail();
        body_ = R"({"email":")" + email_ + R"(","password":")" + accounts_.password() +
                R"(","name":"Bench"})";
    } else {
        const std::string* email = accounts_.NextLogin();
        if (email == nullptr) return;  // nothing to log in as: the runner reports it
        email_ = *email;
        body_ = R"({"email":")" + email_ + R"(","password":")" + accounts_.password() + R"("})";
    }
    sent_at_ = Clock::now();
    connection_.Send("POST",
                     phase_ == Phase::kSignUp ? "/api/v1/auth/register" : "/api/v1/auth/login", {},
                     body_);
}

void AuthClient::OnAnswer(const HttpAnswer& answer) {
    last_answer_ = Clock::now();
    if (answer.error) {
        CountTransportError(answer);
        backoff_.expires_after(kErrorBackoff);
        backoff_.async_wait([this](boost::system::error_code) { SendNext(); });
        return;
    }
    ++stats_.requests;
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(last_answer_ - sent_at_).count();
    stats_.latency.Record(static_cast<std::uint64_t>(micros < 0 ? 0 : micros));
    const unsigned success = phase_ == Phase::kSignUp ? 201 : 200;
    const std::string_view code =
        answer.status == success ? std::string_view{} : ProblemCode(answer.body);
    outcomes_.CountStatus(answer.status, code);
    if (answer.status == success) {
        ++stats_.succeeded;
        if (phase_ == Phase::kSignUp) accounts_.Add(email_);
    } else if (!(answer.status == 503 && code == "overloaded")) {
        ++stats_.errors;  // 503 overloaded is the server's allowed refusal; anything else is not
    }
    SendNext();
}

void AuthClient::CountTransportError(const HttpAnswer& answer) {
    ++stats_.errors;
    char key[96];
    const int length = std::snprintf(key, sizeof key, "error: %s", answer.error.message().c_str());
    outcomes_.Count(std::string_view(key, static_cast<std::size_t>(length)));
}

}  // namespace tix::bench
