// SocketFleet: every bidder's WebSocket (BidSocket), on one thread of its own so that reading
// 10,000 sockets does not stall the bids (which run on the caller's thread). What the sockets
// received is kept in a SocketBoard on that thread and handed over when the fleet stops. Open,
// WaitForEnd and Stop are called from one other thread, in that order.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bid_socket.h"
#include "ranking_ticks.h"

namespace tix::bench {

struct SocketBoard {
    std::uint32_t opened = 0;
    std::uint32_t open_failed = 0;
    double open_seconds = 0;                           // from the first connect to the last upgrade
    std::map<std::string, std::uint64_t> open_errors;  // by message
    std::uint32_t closed_before_end = 0;  // closed by the server or failed before campaign_ended
    RankingTicks ticks;
    std::uint64_t bid_accepted = 0;  // bid_accepted frames, every socket
    std::uint64_t other_frames = 0;
    std::uint32_t ended = 0;         // sockets that got campaign_ended
    std::vector<std::uint32_t> won;  // per bidder: final_rank if told is_winner, else 0
};

class SocketFleet final : private SocketEvents {
  public:
    // `target_prefix`: "/ws/{campaign_id}?token=", each bidder's token appended.
    SocketFleet(boost::asio::ip::tcp::endpoint server, std::string target_prefix,
                const std::vector<std::string>& tokens);
    ~SocketFleet();
    SocketFleet(const SocketFleet&) = delete;
    SocketFleet& operator=(const SocketFleet&) = delete;

    // Opens every socket, at most kOpeningMax at once; blocks until each is open or failed.
    void Open();
    // Blocks until every open socket got campaign_ended or closed, or until `deadline`.
    void WaitForEnd(std::chrono::steady_clock::time_point deadline);
    // Closes every socket, stops the thread and hands over what the sockets received.
    SocketBoard Stop();

  private:
    void OpenNext();
    void OnOpened(std::uint32_t bidder, boost::beast::error_code error) override;
    void OnFrame(std::uint32_t bidder, std::string_view text, double received_ms) override;
    void OnClosed(std::uint32_t bidder, boost::beast::error_code error) override;
    void CheckAllEnded();

    boost::asio::io_context io_{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    boost::asio::ip::tcp::endpoint server_;
    std::string target_prefix_;
    const std::vector<std::string>& tokens_;
    std::vector<std::unique_ptr<BidSocket>> sockets_;
    std::vector<char> done_;  // per bidder: ended, closed or never opened
    std::uint32_t next_ = 0;  // the next socket to open
    std::uint32_t opening_ = 0;
    std::uint32_t done_count_ = 0;
    std::chrono::steady_clock::time_point open_started_;
    std::promise<void> opened_;
    std::promise<void> all_ended_;
    bool all_ended_set_ = false;
    SocketBoard board_;
    std::thread thread_;
};

}  // namespace tix::bench
