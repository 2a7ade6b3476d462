#include "api/ticket_keyring.h"

#include <algorithm>
#include <utility>

namespace tix::api {

std::shared_ptr<const tickets::EventKeys> TicketKeyring::KeysOf(EventId event_id) const {
    {
        std::lock_guard lock(mutex_);
        if (const auto found = keys_.find(event_id); found != keys_.end()) return found->second;
    }
    auto derived =
        std::make_shared<const tickets::EventKeys>(tickets::DeriveEventKeys(master_, event_id));
    std::lock_guard lock(mutex_);
    return keys_.try_emplace(event_id, std::move(derived)).first->second;
}

std::array<std::uint8_t, 32> TicketKeyring::TicketIdKeyBytes() const {
    const tickets::TicketIdKey key = tickets::DeriveTicketIdKey(master_);
    std::array<std::uint8_t, 32> bytes{};
    std::copy(key.bytes().begin(), key.bytes().end(), bytes.begin());
    return bytes;
}

std::string TicketKeyring::Payload(const engine::Ticket& ticket, bool rotating,
                                   TimePoint now) const {
    const auto keys = KeysOf(ticket.event_id);
    const tickets::TicketClaims claims{ticket.event_id, ticket.ticket_id, ticket.zone_index,
                                       ticket.seat,     ticket.version,   rotating};
    std::optional<std::uint32_t> code;
    if (rotating) code = tickets::CurrentCode(CodeSecret(ticket), now);
    return tickets::EncodePayload(claims, keys->signing_key, code);
}

PayloadCheck TicketKeyring::Check(std::string_view text, ScannedTicket& scanned) const {
    const std::optional<tickets::DecodedPayload> decoded = tickets::DecodePayload(text);
    if (!decoded) return PayloadCheck::kMalformed;
    if (!tickets::VerifyPayload(*decoded, KeysOf(decoded->claims().event_id)->public_key)) {
        return PayloadCheck::kBadSignature;
    }
    scanned = {decoded->claims(), decoded->code()};
    return PayloadCheck::kValid;
}

bool TicketKeyring::CodeValid(const ScannedTicket& scanned, TimePoint scanned_at) const {
    if (!scanned.claims.rotating) return true;
    const auto keys = KeysOf(scanned.claims.event_id);
    return scanned.code && tickets::AcceptCode(tickets::DeriveTicketCodeSecret(
                                                   keys->rotation_key, scanned.claims.ticket_id),
                                               *scanned.code, scanned_at);
}

tickets::TicketCodeSecret TicketKeyring::CodeSecret(const engine::Ticket& ticket) const {
    return tickets::DeriveTicketCodeSecret(KeysOf(ticket.event_id)->rotation_key, ticket.ticket_id);
}

}  // namespace tix::api
