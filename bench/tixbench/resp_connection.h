// RespConnection: one connection to Redis for the bidding scenario's replay, on Asio: a request is
// some pipelined commands written at once, and is done when as many replies have been read (one
// round trip for all of them). One request at a time; every request has a deadline. Runs on its
// io_context's thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "resp.h"

namespace tix::bench {

class RespConnection {
  public:
    // `error` set: no complete answer (the connection is closed). `error_replies`: how many of
    // the replies were Redis errors; `last`: the last reply (its text valid during the call).
    using Done = std::function<void(boost::beast::error_code error, std::uint32_t error_replies,
                                    const RespReply& last)>;

    RespConnection(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                   std::chrono::milliseconds timeout);

    void Connect(std::function<void(boost::beast::error_code)> done);
    // REQUIRES: open, no request in flight. `commands`: RESP commands (AppendRespCommand).
    void Send(const std::string& commands, std::uint32_t replies, Done done);
    bool open() const { return open_; }

  private:
    void Read();
    void Finish(boost::beast::error_code error);

    boost::beast::tcp_stream stream_;
    boost::asio::ip::tcp::endpoint server_;
    std::chrono::milliseconds timeout_;
    bool open_ = false;
    std::string buffer_;  // read but not yet parsed
    std::size_t filled_ = 0;
    std::uint32_t replies_wanted_ = 0;
    std::uint32_t replies_read_ = 0;
    std::uint32_t error_replies_ = 0;
    RespReply last_;
    Done done_;
};

}  // namespace tix::bench
