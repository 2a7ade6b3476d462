// SetupClient: the bench's blocking HTTP client for everything outside the measured window:
// logging in, finding or creating the event, creating users in bulk, reading availability for
// verification. Simplicity over speed; one request at a time on one keep-alive connection.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tix::bench {

struct SetupAnswer {
    unsigned status = 0;
    boost::json::value body;  // null when the body is empty or not JSON
};

class SetupClient {
  public:
    // Bulk user creation and seat maps of large events take a while on a loaded machine.
    static constexpr std::chrono::seconds kTimeout{120};

    explicit SetupClient(boost::asio::ip::tcp::endpoint server);

    // Any answer with a status is a value; only transport failures are a Status.
    Result<SetupAnswer> Call(std::string_view method, std::string_view target,
                             std::string_view bearer, const boost::json::value* body);

  private:
    boost::asio::io_context io_;
    boost::asio::ip::tcp::endpoint server_;
    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    bool open_ = false;
};

// "<status> <code>: <detail>" of a problem answer, for error messages.
std::string DescribeAnswer(const SetupAnswer& answer);

}  // namespace tix::bench
