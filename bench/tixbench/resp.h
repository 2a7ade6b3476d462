// The little of RESP2 (Redis's wire protocol) the bidding scenario's Redis comparison needs:
// commands as arrays of bulk strings, and replies read one at a time from a buffer that may hold
// part of one. hiredis is blocking per connection; this keeps the Redis replay on one Asio thread
// with many connections, like the tixd side of the same run. Pure.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace tix::bench {

// Appends `*N\r\n$len\r\narg\r\n...` to `out`.
void AppendRespCommand(std::string& out, std::initializer_list<std::string_view> args);

struct RespReply {
    enum class Kind : std::uint8_t { kSimple, kError, kInteger, kBulk, kNull, kArray };
    Kind kind = Kind::kNull;
    std::int64_t integer = 0;  // kInteger; kArray: its element count
    std::string_view text;     // kSimple, kError, kBulk: valid while the buffer is
};

// The first reply in `buffer` and the bytes it takes; nullopt while it is incomplete. A reply
// that is not RESP is an error reply "protocol" taking the whole buffer. An array's elements are
// skipped over (counted in `integer`), not returned.
std::optional<std::size_t> ReadRespReply(std::string_view buffer, RespReply& reply);

}  // namespace tix::bench
