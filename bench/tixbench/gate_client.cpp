#include "gate_client.h"

#include "problem_code.h"

namespace tix::bench {
namespace {

constexpr std::string_view kCheckInPath = "/api/v1/checkin";

}  // namespace

void ScanCounts::Merge(const ScanCounts& other_counts) {
    admitted += other_counts.admitted;
    already_checked_in += other_counts.already_checked_in;
    other += other_counts.other;
    retried += other_counts.retried;
}

// 503 overloaded is a refusal (scanned again), not an error.
GateClient::GateClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                       std::chrono::milliseconds timeout, std::string gate, std::string token,
                       ScanWork& work)
    : ClosedLoopClient(io, server, timeout, {"overloaded"}),
      gate_(std::move(gate)),
      token_(std::move(token)),
      work_(work) {}

void GateClient::Run(Phase phase, Clock::time_point deadline) {
    phase_ = phase;
    Start(deadline);
}

ScanCounts GateClient::TakeCounts() {
    const ScanCounts taken = counts_;
    counts_ = ScanCounts();
    return taken;
}

bool GateClient::SendNext(HttpConnection& connection) {
    if (!work_.retries.empty()) {
        scan_ = work_.retries.front();
        work_.retries.pop_front();
        ++counts_.retried;
    } else if (work_.next < work_.count) {
        scan_ = work_.next++;
    } else {
        return false;
    }
    // A payload is base64url and a gate name [A-Za-z0-9_.-]: nothing to escape.
    body_.assign(R"({"payload":")");
    body_ += (*work_.payloads)[scan_];
    body_ += R"(","gate":")";
    body_ += gate_;
    body_ += R"("})";
    connection.Send("POST", kCheckInPath, token_, body_);
    return true;
}

void GateClient::OnSuccess(const HttpAnswer& answer) {
    if (phase_ == Phase::kAdmissions) {
        if (answer.body.find(R"("result":"admitted")") != std::string_view::npos) {
            ++counts_.admitted;
        } else {
            ++counts_.other;
        }
        return;
    }
    if (ProblemCode(answer.body) == "already_checked_in") {
        ++counts_.already_checked_in;
    } else {
        ++counts_.other;
    }
}

void GateClient::OnNotSucceeded(const HttpAnswer& answer) {
    if (!answer.error && answer.status == 503) work_.retries.push_back(scan_);
}

}  // namespace tix::bench
