// TicketKeyring: the keys of every event's tickets, derived from the master key (tickets/
// ticket_keys.h) once per event and kept, and the two things done with them: making a ticket's
// QR payload and checking a scanned one. Thread-safe: IO threads call it concurrently (a short
// lock around the cache; the crypto runs outside it).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/types.h"
#include "engine/ticket_book.h"
#include "tickets/rotating_code.h"
#include "tickets/ticket_keys.h"
#include "tickets/ticket_payload.h"

namespace tix::api {

// A scanned payload that is a real ticket of `claims.event_id` (its signature checked).
struct ScannedTicket {
    tickets::TicketClaims claims;
    std::optional<std::uint32_t> code;  // rotating payloads: not checked yet (CodeValid)
};

enum class PayloadCheck : std::uint8_t {
    kValid,
    kMalformed,     // not a payload: 400 invalid_ticket
    kBadSignature,  // not signed by its event's key: 400 invalid_ticket
};

class TicketKeyring {
  public:
    explicit TicketKeyring(tickets::TicketMasterKey master) : master_(std::move(master)) {}

    std::shared_ptr<const tickets::EventKeys> KeysOf(EventId event_id) const;
    // What the engine derives ticket ids from.
    std::array<std::uint8_t, 32> TicketIdKeyBytes() const;

    // The ticket's QR payload as it is at `now` (with the current code if `rotating`).
    std::string Payload(const engine::Ticket& ticket, bool rotating, TimePoint now) const;
    // Decodes and verifies a scanned payload.
    PayloadCheck Check(std::string_view text, ScannedTicket& scanned) const;
    // A rotating payload's code is of the step of `scanned_at` or the one before.
    bool CodeValid(const ScannedTicket& scanned, TimePoint scanned_at) const;
    // The per-ticket secret of its rotating code (the holder's app may compute codes itself).
    tickets::TicketCodeSecret CodeSecret(const engine::Ticket& ticket) const;

  private:
    tickets::TicketMasterKey master_;
    mutable std::mutex mutex_;  // guards keys_
    mutable std::unordered_map<EventId, std::shared_ptr<const tickets::EventKeys>> keys_;
};

}  // namespace tix::api
