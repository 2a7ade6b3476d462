// A ticket: what gets one person through a gate. A paid order has one per seat (per unit in a
// general-admission zone); the engine issues them when the order becomes paid and revokes them
// when its money goes back. The signed QR payload that carries a ticket is built outside the
// engine (tickets/), from the fields here.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/types.h"

namespace tix::engine {

// 128 bits, unguessable: the engine derives them from a secret key (Engine::SetTicketIdKey), so
// knowing one ticket id tells nothing of another.
struct TicketId {
    std::array<std::uint8_t, 16> bytes{};

    auto operator<=>(const TicketId&) const = default;
    bool operator==(const TicketId&) const = default;
};

// 32 lower-case hex digits.
std::string ToHex(const TicketId& id);
// Accepts exactly 32 hex digits (either case).
std::optional<TicketId> ParseTicketId(std::string_view hex);

struct TicketIdHash {
    std::size_t operator()(const TicketId& id) const {
        std::size_t value = 0;
        for (std::size_t i = 0; i < sizeof value; ++i) value = (value << 8) | id.bytes[i];
        return value;  // the bytes are uniformly random already
    }
};

// valid -> used (checked in); valid -> revoked (refunded). A transfer keeps the ticket valid and
// gives it a new version: the old QR code (the old version) is refused as revoked.
enum class TicketStatus : std::uint8_t { kValid, kUsed, kRevoked };

std::string_view ToString(TicketStatus status);  // "valid", "used", "revoked"
std::optional<TicketStatus> ParseTicketStatus(std::string_view text);

}  // namespace tix::engine
