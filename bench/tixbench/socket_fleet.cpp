#include "socket_fleet.h"

#include <boost/asio/post.hpp>

#include "push_frame.h"

namespace tix::bench {
namespace {

// Upgrades in flight at once: enough to open 10,000 in seconds, few enough not to overflow tixd's
// accept backlog.
constexpr std::uint32_t kOpeningMax = 256;

}  // namespace

SocketFleet::SocketFleet(boost::asio::ip::tcp::endpoint server, std::string target_prefix,
                         const std::vector<std::string>& tokens)
    : work_(io_.get_executor()),
      server_(server),
      target_prefix_(std::move(target_prefix)),
      tokens_(tokens),
      done_(tokens.size(), 0) {
    board_.won.assign(tokens.size(), 0);
    sockets_.reserve(tokens.size());
    SocketEvents& events = *this;  // a private base: converted here, where it is accessible
    for (std::uint32_t i = 0; i < tokens.size(); ++i) {
        sockets_.push_back(std::make_unique<BidSocket>(io_, events, i));
    }
    thread_ = std::thread([this] { io_.run(); });
}

SocketFleet::~SocketFleet() {
    if (thread_.joinable()) Stop();
}

void SocketFleet::Open() {
    std::future<void> opened = opened_.get_future();
    boost::asio::post(io_, [this] {
        open_started_ = std::chrono::steady_clock::now();
        if (sockets_.empty()) return opened_.set_value();
        while (opening_ < kOpeningMax && next_ < sockets_.size()) OpenNext();
    });
    opened.wait();
}

void SocketFleet::OpenNext() {
    const std::uint32_t bidder = next_++;
    ++opening_;
    sockets_[bidder]->Open(server_, target_prefix_ + tokens_[bidder]);
}

void SocketFleet::OnOpened(std::uint32_t bidder, boost::beast::error_code error) {
    --opening_;
    if (error) {
        ++board_.open_failed;
        ++board_.open_errors[error.message()];
        done_[bidder] = 1;
        ++done_count_;
    } else {
        ++board_.opened;
    }
    if (next_ < sockets_.size()) return OpenNext();
    if (opening_ == 0) {
        board_.open_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - open_started_).count();
        opened_.set_value();
    }
}

void SocketFleet::OnFrame(std::uint32_t bidder, std::string_view text, double received_ms) {
    const PushFrame frame = ReadPushFrame(text);
    switch (frame.event) {
        case PushEvent::kRankingUpdate:
            board_.ticks.Record(frame.tick, frame.server_ms, received_ms);
            return;
        case PushEvent::kBidAccepted:
            ++board_.bid_accepted;
            return;
        case PushEvent::kCampaignEnded:
            if (frame.is_winner) board_.won[bidder] = std::max(1u, frame.final_rank);
            if (done_[bidder] != 0) return;
            ++board_.ended;
            done_[bidder] = 1;
            ++done_count_;
            return CheckAllEnded();
        default:
            ++board_.other_frames;
    }
}

void SocketFleet::OnClosed(std::uint32_t bidder, boost::beast::error_code /*error*/) {
    if (done_[bidder] != 0) return;
    ++board_.closed_before_end;
    done_[bidder] = 1;
    ++done_count_;
    CheckAllEnded();
}

void SocketFleet::CheckAllEnded() {
    if (all_ended_set_ || done_count_ < sockets_.size()) return;
    all_ended_set_ = true;
    all_ended_.set_value();
}

void SocketFleet::WaitForEnd(std::chrono::steady_clock::time_point deadline) {
    std::future<void> ended = all_ended_.get_future();
    boost::asio::post(io_, [this] { CheckAllEnded(); });
    ended.wait_until(deadline);
}

SocketBoard SocketFleet::Stop() {
    boost::asio::post(io_, [this] {
        for (auto& socket : sockets_) socket->Close();
        work_.reset();
    });
    thread_.join();
    return std::move(board_);
}

}  // namespace tix::bench
