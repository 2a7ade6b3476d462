#include "resp_connection.h"

#include <boost/asio/write.hpp>
#include <cstring>

namespace tix::bench {
namespace {

namespace beast = boost::beast;

// A read's chunk: a ZREVRANGE of the top 100 WITHSCORES is ~3 KiB, a bid's replies ~10 bytes.
constexpr std::size_t kReadChunkBytes = 16 * 1024;

}  // namespace

RespConnection::RespConnection(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                               std::chrono::milliseconds timeout)
    : stream_(io), server_(server), timeout_(timeout) {}

void RespConnection::Connect(std::function<void(beast::error_code)> done) {
    stream_.expires_after(timeout_);
    stream_.async_connect(server_, [this, done = std::move(done)](beast::error_code error) {
        if (!error) stream_.socket().set_option(boost::asio::ip::tcp::no_delay(true), error);
        open_ = !error;
        done(error);
    });
}

void RespConnection::Send(const std::string& commands, std::uint32_t replies, Done done) {
    done_ = std::move(done);
    replies_wanted_ = replies;
    replies_read_ = 0;
    error_replies_ = 0;
    stream_.expires_after(timeout_);
    boost::asio::async_write(stream_, boost::asio::buffer(commands),
                             [this](beast::error_code error, std::size_t) {
                                 if (error) return Finish(error);
                                 Read();
                             });
}

void RespConnection::Read() {
    // Parse what is there first: the replies may have come in one read with earlier ones.
    while (replies_read_ < replies_wanted_) {
        const auto used = ReadRespReply(std::string_view(buffer_.data(), filled_), last_);
        if (!used) break;
        if (last_.kind == RespReply::Kind::kError) ++error_replies_;
        ++replies_read_;
        if (replies_read_ == replies_wanted_) {
            // last_ points into the buffer: hand it over before the buffer moves.
            Finish({});
            std::memmove(buffer_.data(), buffer_.data() + *used, filled_ - *used);
            filled_ -= *used;
            return;
        }
        std::memmove(buffer_.data(), buffer_.data() + *used, filled_ - *used);
        filled_ -= *used;
    }
    if (buffer_.size() < filled_ + kReadChunkBytes) buffer_.resize(filled_ + kReadChunkBytes);
    stream_.async_read_some(boost::asio::buffer(buffer_.data() + filled_, kReadChunkBytes),
                            [this](beast::error_code error, std::size_t bytes) {
                                if (error) return Finish(error);
                                filled_ += bytes;
                                Read();
                            });
}

void RespConnection::Finish(beast::error_code error) {
    if (error) {
        open_ = false;
        filled_ = 0;
        beast::error_code ignored;
        stream_.socket().close(ignored);
    }
    Done done = std::move(done_);
    done(error, error_replies_, last_);
}

}  // namespace tix::bench
