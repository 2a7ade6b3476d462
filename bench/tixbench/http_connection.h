// HttpConnection: one keep-alive HTTP/1.1 client connection for the load generator, on Asio and
// Beast. One request at a time; the request bytes are written into a string the connection
// reuses and the answer is parsed by ResponseParser into another, so a request costs no heap
// allocation once warm. Nagle is off. Every request has a deadline covering connect, write and
// read; a failed or timed-out request closes the socket and the next Send reconnects. A request
// that meets the server's close of an idle keep-alive connection before any answer is sent again
// once on a new connection, as browsers do. A connection may be bound to a local (source)
// address, e.g. 127.1.2.3, so that the server sees it as a client of its own: the queue scenario
// simulates many client addresses on loopback.
// Not thread-safe: use it from the thread running its io_context only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "response_parser.h"

namespace tix::bench {

struct HttpAnswer {
    boost::beast::error_code error;  // set: no answer (transport failure or timeout)
    unsigned status = 0;
    std::string_view body;                // valid until the next Send
    std::chrono::seconds retry_after{0};  // the Retry-After header (429, 503), 0 if none
};

class HttpConnection {
  public:
    // Gets every answer, on the io_context's thread.
    class Listener {
      public:
        virtual void OnAnswer(const HttpAnswer& answer) = 0;

      protected:
        ~Listener() = default;
    };

    // `local`: the source address to bind before every connect; unspecified (the default)
    // lets the kernel choose.
    HttpConnection(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                   std::chrono::milliseconds timeout, Listener& listener,
                   boost::asio::ip::address local = {});

    // Opens the connection ahead of the measured window; `done` gets the connect error if any.
    void Connect(std::function<void(boost::beast::error_code)> done);
    // REQUIRES: no request in flight. `bearer` and `body` may be empty; a non-empty body is JSON.
    // `headers`: more header lines, each ending in CRLF (e.g. a webhook's signature), or empty.
    void Send(std::string_view method, std::string_view target, std::string_view bearer,
              std::string_view body, std::string_view headers = {});
    void Close();

  private:
    // Opens the socket bound to local_ if one is set; Beast's connect uses an open socket as is.
    boost::beast::error_code OpenBound();
    void ConnectAndWrite();
    void Write();
    void OnWritten(boost::beast::error_code error);
    void OnRead(boost::beast::error_code error);
    void FailOrRetry(boost::beast::error_code error);
    void Fail(boost::beast::error_code error);

    boost::beast::tcp_stream stream_;
    boost::asio::ip::tcp::endpoint server_;
    boost::asio::ip::address local_;
    std::chrono::milliseconds timeout_;
    Listener& listener_;
    std::string host_header_;
    bool open_ = false;
    bool in_flight_ = false;
    bool reused_ = false;   // the request in flight went out on a connection opened before it
    bool retried_ = false;  // and was sent again after that connection turned out closed
    std::string request_;   // reused: the bytes of the request in flight
    std::string body_;      // reused: the body of the last answer
    boost::beast::flat_buffer buffer_;
    std::optional<ResponseParser> parser_;
};

}  // namespace tix::bench
