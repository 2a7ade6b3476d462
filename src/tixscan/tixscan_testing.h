// Test helpers: bundles and payloads built from keys derived as tixd derives them. Tests only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "tickets/rotating_code.h"
#include "tickets/ticket_keys.h"
#include "tickets/ticket_payload.h"
#include "tickets/tickets_testing.h"
#include "tixscan/checkin_bundle.h"

namespace tix::tixscan::testing {

// The start of a 15 s step: 2026-09-21T14:13:15Z.
inline const TimePoint kScanTime = TimePoint{std::chrono::seconds{119'333'333ll * 15}};

using tickets::testing::MasterKey;

inline engine::TicketId TicketIdOf(std::uint8_t n) { return tickets::testing::TicketIdOf(n, 7); }

inline tickets::EventKeys KeysOf(std::uint64_t event_id, std::uint8_t master = 1) {
    return tickets::DeriveEventKeys(MasterKey(master), EventId{event_id});
}

// An empty bundle of the event, as tixd would serve it at version 1.
inline CheckinBundle BundleOf(std::uint64_t event_id, bool rotating = false) {
    const tickets::EventKeys keys = KeysOf(event_id);
    CheckinBundle bundle;
    bundle.event_id = EventId{event_id};
    bundle.bundle_version = 1;
    bundle.public_key = keys.public_key;
    bundle.rotating_qr = rotating;
    if (rotating) bundle.rotation_key = keys.rotation_key;
    bundle.issued_count = 100;
    return bundle;
}

struct PayloadSpec {
    std::uint64_t event_id = 7;
    std::uint8_t ticket = 1;
    std::uint32_t version = 1;
    bool rotating = false;
    TimePoint code_at = kScanTime;  // whose step's code a rotating payload carries
    std::uint8_t master = 1;        // another value: signed by another deployment's key
};

inline std::string PayloadOf(const PayloadSpec& spec) {
    const tickets::EventKeys keys = KeysOf(spec.event_id, spec.master);
    const tickets::TicketClaims claims{.event_id = EventId{spec.event_id},
                                       .ticket_id = TicketIdOf(spec.ticket),
                                       .zone_index = 2,
                                       .seat = 40u + spec.ticket,
                                       .version = spec.version,
                                       .rotating = spec.rotating};
    std::optional<std::uint32_t> code;
    if (spec.rotating) {
        code = tickets::CurrentCode(
            tickets::DeriveTicketCodeSecret(keys.rotation_key, claims.ticket_id), spec.code_at);
    }
    return tickets::EncodePayload(claims, keys.signing_key, code);
}

}  // namespace tix::tixscan::testing
