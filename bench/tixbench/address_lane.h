// AddressLane: one simulated client address of the queue scenario (e.g. 127.1.0.7, a carrier NAT
// with twenty people behind it, or 127.2.0.1, a bot farm): its keep-alive connections, all bound
// to that source address so that tixd's per-address rate limits see one client, and the users
// behind it waiting for a free connection, first come first served. The lane only moves
// requests; its Owner writes them and reads the answers. Runs on its io_context's thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "http_connection.h"

namespace tix::bench {

class AddressLane {
  public:
    class Owner {
      public:
        // Sends the user's next request on `connection`, which is idle.
        virtual void SendFor(std::uint32_t user, HttpConnection& connection) = 0;
        // The answer to it; the lane frees the connection after this returns.
        virtual void OnAnswerFor(std::uint32_t user, const HttpAnswer& answer) = 0;

      protected:
        ~Owner() = default;
    };

    // `users_max`: how many users are behind the address, the most that can wait in the lane.
    AddressLane(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                std::chrono::milliseconds timeout, boost::asio::ip::address local,
                std::uint32_t connections, std::uint32_t users_max, Owner& owner);
    ~AddressLane();
    AddressLane(const AddressLane&) = delete;
    AddressLane& operator=(const AddressLane&) = delete;

    // Opens every connection; `done` gets each one's connect error (or none).
    void Connect(const std::function<void(boost::beast::error_code)>& done);
    // The user's next request goes out on the first free connection.
    // REQUIRES: the user has no request waiting or in flight.
    void Enqueue(std::uint32_t user);

  private:
    class Slot;

    void SendWaiting();

    Owner& owner_;
    std::uint32_t users_max_;
    std::vector<std::unique_ptr<Slot>> slots_;
    std::vector<Slot*> idle_;
    std::deque<std::uint32_t> waiting_;
};

}  // namespace tix::bench
