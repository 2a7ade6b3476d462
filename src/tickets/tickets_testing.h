// Test helpers: fixed keys and ticket ids, so that tests (and their known answers) are
// reproducible. Tests only.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/ticket.h"
#include "tickets/ticket_keys.h"

namespace tix::tickets::testing {

// Bytes fill, fill + 1, fill + 2, ...
inline TicketMasterKey MasterKey(std::uint8_t fill = 1) {
    TicketMasterKey key;
    for (std::size_t i = 0; i < key.size(); ++i) {
        key.data()[i] = static_cast<std::uint8_t>(fill + i);
    }
    return key;
}

// Bytes fill * stride, fill * stride + 1, ...
inline engine::TicketId TicketIdOf(std::uint8_t fill, std::uint8_t stride = 16) {
    engine::TicketId id;
    for (std::size_t i = 0; i < id.bytes.size(); ++i) {
        id.bytes[i] = static_cast<std::uint8_t>(fill * stride + i);
    }
    return id;
}

}  // namespace tix::tickets::testing
