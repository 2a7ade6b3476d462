#include "engine/ticket.h"

namespace tix::engine {
namespace {

int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string ToHex(const TicketId& id) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex(2 * id.bytes.size(), '0');
    for (std::size_t i = 0; i < id.bytes.size(); ++i) {
        hex[2 * i] = kDigits[id.bytes[i] >> 4];
        hex[2 * i + 1] = kDigits[id.bytes[i] & 0xf];
    }
    return hex;
}

std::optional<TicketId> ParseTicketId(std::string_view hex) {
    TicketId id;
    if (hex.size() != 2 * id.bytes.size()) return std::nullopt;
    for (std::size_t i = 0; i < id.bytes.size(); ++i) {
        const int high = HexDigit(hex[2 * i]);
        const int low = HexDigit(hex[2 * i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        id.bytes[i] = static_cast<std::uint8_t>(high << 4 | low);
    }
    return id;
}

std::string_view ToString(TicketStatus status) {
    switch (status) {
        case TicketStatus::kValid:
            return "valid";
        case TicketStatus::kUsed:
            return "used";
        case TicketStatus::kRevoked:
            return "revoked";
    }
    return "valid";
}

std::optional<TicketStatus> ParseTicketStatus(std::string_view text) {
    for (auto status : {TicketStatus::kValid, TicketStatus::kUsed, TicketStatus::kRevoked}) {
        if (ToString(status) == text) return status;
    }
    return std::nullopt;
}

}  // namespace tix::engine
