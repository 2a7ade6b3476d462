#include "closed_loop_client.h"

namespace tix::bench {
namespace {

// After a transport error the connection reconnects; a short pause keeps a dead server from
// turning the bench into a busy loop of failed connects.
constexpr std::chrono::milliseconds kErrorBackoff{20};

}  // namespace

ClosedLoopClient::ClosedLoopClient(boost::asio::io_context& io,
                                   boost::asio::ip::tcp::endpoint server,
                                   std::chrono::milliseconds timeout,
                                   std::vector<std::string_view> refusals)
    : connection_(io, server, timeout, *this), backoff_(io), refusals_(std::move(refusals)) {}

void ClosedLoopClient::Connect(std::function<void(boost::beast::error_code)> done) {
    connection_.Connect(std::move(done));
}

void ClosedLoopClient::Start(Clock::time_point deadline) {
    deadline_ = deadline;
    recorder_.Start();
    Next();
}

void ClosedLoopClient::Next() {
    if (Clock::now() >= deadline_) return;
    recorder_.Sent();
    SendNext(connection_);
}

void ClosedLoopClient::OnAnswer(const HttpAnswer& answer) {
    const PhaseRecorder::Verdict verdict = recorder_.Record(answer, SuccessStatus(), refusals_);
    if (verdict != PhaseRecorder::Verdict::kSucceeded) OnNotSucceeded(answer);
    if (verdict == PhaseRecorder::Verdict::kNoAnswer) {
        backoff_.expires_after(kErrorBackoff);
        backoff_.async_wait([this](boost::system::error_code) { Next(); });
        return;
    }
    if (verdict == PhaseRecorder::Verdict::kSucceeded) OnSuccess(answer);
    Next();
}

}  // namespace tix::bench
