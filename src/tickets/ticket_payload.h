// The signed QR payload (docs/tickets.md, "The QR payload, byte by byte"): what a ticket's QR
// code carries, so that a gate can admit it offline with nothing but the event's public key.
// Binary, big-endian:
//
//   offset size field
//   0      1    format: 0x01 static, 0x02 rotating
//   1      4    event id
//   5      16   ticket id
//   21     2    zone index
//   23     4    seat: index within the zone (seated), unit number within its order (GA, 0-based)
//   27     4    ticket version (1, +1 on each transfer or re-issue)
//   31     64   Ed25519 signature over bytes [0, 31)
//   95     4    the rotating code (format 0x02 only; not signed, see rotating_code.h)
//
// 95 bytes (99 rotating), as text base64url without padding: 127 (132) characters.
//
// Decoding and verifying are separate steps: a scanner checks the event id against its own
// before spending an Ed25519 verification, and reports a payload of another event as such.
// Pure functions; any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/types.h"
#include "engine/ticket.h"
#include "tickets/ticket_keys.h"

namespace tix::tickets {

inline constexpr std::uint8_t kFormatStatic = 0x01;
inline constexpr std::uint8_t kFormatRotating = 0x02;
inline constexpr std::size_t kSignedBytes = 31;
inline constexpr std::size_t kSignatureBytes = 64;
inline constexpr std::size_t kCodeBytes = 4;
inline constexpr std::size_t kStaticPayloadBytes = kSignedBytes + kSignatureBytes;
inline constexpr std::size_t kRotatingPayloadBytes = kStaticPayloadBytes + kCodeBytes;
inline constexpr std::size_t kStaticPayloadChars = 127;
inline constexpr std::size_t kRotatingPayloadChars = 132;
static_assert(kStaticPayloadBytes == 95 && kRotatingPayloadBytes == 99);
static_assert(kStaticPayloadChars == (kStaticPayloadBytes * 4 + 2) / 3);
static_assert(kRotatingPayloadChars == (kRotatingPayloadBytes * 4 + 2) / 3);
// The largest event id the payload's 4 bytes hold.
inline constexpr std::uint64_t kPayloadEventIdMax = 0xffff'ffff;

struct TicketClaims {
    EventId event_id;
    engine::TicketId ticket_id;
    std::uint16_t zone_index = 0;
    std::uint32_t seat = 0;
    std::uint32_t version = 1;
    bool rotating = false;  // format 0x02: the payload carries a rotating code

    bool operator==(const TicketClaims&) const = default;
};

// The text form (base64url) of a signed payload. Deterministic: Ed25519 signatures are, so the
// same claims and code always give the same text.
// REQUIRES: claims.event_id.value() <= kPayloadEventIdMax; code is given iff claims.rotating.
std::string EncodePayload(const TicketClaims& claims, const EventSigningKey& signing_key,
                          std::optional<std::uint32_t> code = std::nullopt);

// A payload parsed but not yet trusted: its claims say what it claims to be until
// VerifyPayload says the event's key signed them. Keeps the bytes that were signed, so that
// verifying checks exactly what was scanned, not a re-encoding of it.
class DecodedPayload {
  public:
    const TicketClaims& claims() const { return claims_; }
    // Present iff claims().rotating. Not signed: check it with AcceptCode (rotating_code.h).
    std::optional<std::uint32_t> code() const { return code_; }

  private:
    friend std::optional<DecodedPayload> DecodePayload(std::string_view text);
    friend bool VerifyPayload(const DecodedPayload& payload, const EventPublicKey& key);
    DecodedPayload() = default;

    TicketClaims claims_;
    std::optional<std::uint32_t> code_;
    std::array<std::uint8_t, kSignedBytes> signed_bytes_{};
    std::array<std::uint8_t, kSignatureBytes> signature_{};
};

// Parses the text form strictly, without verifying: nullopt (malformed) unless it is strict
// base64url (no padding, whitespace or other characters) of a known format byte followed by
// exactly that format's length. Malformed is the only way to fail, hence no error enum.
std::optional<DecodedPayload> DecodePayload(std::string_view text);

// True when `key` (the claimed event's public key) signed the payload's claims.
bool VerifyPayload(const DecodedPayload& payload, const EventPublicKey& key);

}  // namespace tix::tickets
