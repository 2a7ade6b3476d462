#include "resp.h"

#include <charconv>

namespace tix::bench {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// The line after the type byte at `at` and the offset past its CRLF; nullopt if incomplete.
std::optional<std::pair<std::string_view, std::size_t>> Line(std::string_view buffer,
                                                             std::size_t at) {
    const std::size_t end = buffer.find(kCrlf, at + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return std::pair{buffer.substr(at + 1, end - at - 1), end + kCrlf.size()};
}

bool ToInteger(std::string_view text, std::int64_t& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size();
}

// One reply at `at`; the offset past it, or nullopt if incomplete. `bad` set if not RESP.
std::optional<std::size_t> ReadAt(std::string_view buffer, std::size_t at, RespReply& reply,
                                  bool& bad) {
    if (at >= buffer.size()) return std::nullopt;
    const auto line = Line(buffer, at);
    if (!line) return std::nullopt;
    const auto [text, next] = *line;
    switch (buffer[at]) {
        case '+':
        case '-':
            reply.kind = buffer[at] == '+' ? RespReply::Kind::kSimple : RespReply::Kind::kError;
            reply.text = text;
            return next;
        case ':':
            reply.kind = RespReply::Kind::kInteger;
            bad = !ToInteger(text, reply.integer);
            return next;
        case '$': {
            std::int64_t length = 0;
            if (!ToInteger(text, length) || length < -1) break;
            if (length == -1) {
                reply.kind = RespReply::Kind::kNull;
                return next;
            }
            const std::size_t end = next + static_cast<std::size_t>(length);
            if (end + kCrlf.size() > buffer.size()) return std::nullopt;
            reply.kind = RespReply::Kind::kBulk;
            reply.text = buffer.substr(next, static_cast<std::size_t>(length));
            return end + kCrlf.size();
        }
        case '*': {
            std::int64_t count = 0;
            if (!ToInteger(text, count) || count < -1) break;
            std::size_t offset = next;
            RespReply element;
            for (std::int64_t i = 0; i < count && !bad; ++i) {
                const auto after = ReadAt(buffer, offset, element, bad);
                if (!after) return std::nullopt;
                offset = *after;
            }
            reply.kind = count == -1 ? RespReply::Kind::kNull : RespReply::Kind::kArray;
            reply.integer = count;
            return offset;
        }
        default:
            break;
    }
    bad = true;
    return next;
}

}  // namespace

void AppendRespCommand(std::string& out, std::initializer_list<std::string_view> args) {
    out += '*';
    out += std::to_string(args.size());
    out += kCrlf;
    for (std::string_view arg : args) {
        out += '$';
        out += std::to_string(arg.size());
        out += kCrlf;
        out += arg;
        out += kCrlf;
    }
}

std::optional<std::size_t> ReadRespReply(std::string_view buffer, RespReply& reply) {
    bool bad = false;
    const auto consumed = ReadAt(buffer, 0, reply, bad);
    if (!bad) return consumed;
    reply = {RespReply::Kind::kError, 0, "protocol"};
    return buffer.size();
}

}  // namespace tix::bench
