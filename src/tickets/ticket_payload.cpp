#include "tickets/ticket_payload.h"

#include <sodium.h>

#include <algorithm>
#include <span>

#include "engine/tix_assert.h"
#include "tickets/base64url.h"
#include "tickets/sodium_ready.h"

namespace tix::tickets {
namespace {

static_assert(kSignatureBytes == crypto_sign_BYTES);

// Field offsets (the table in the header).
constexpr std::size_t kFormatAt = 0;
constexpr std::size_t kEventAt = 1;
constexpr std::size_t kTicketAt = 5;
constexpr std::size_t kZoneAt = 21;
constexpr std::size_t kSeatAt = 23;
constexpr std::size_t kVersionAt = 27;
constexpr std::size_t kSignatureAt = 31;
constexpr std::size_t kCodeAt = 95;
static_assert(kTicketAt + sizeof(engine::TicketId::bytes) == kZoneAt);
static_assert(kVersionAt + 4 == kSignedBytes && kSignatureAt == kSignedBytes);
static_assert(kSignatureAt + kSignatureBytes == kCodeAt && kCodeAt == kStaticPayloadBytes);

using PayloadBytes = std::array<std::uint8_t, kRotatingPayloadBytes>;

void PutBigEndian(std::uint8_t* out, std::uint64_t value, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
        out[i] = static_cast<std::uint8_t>(value >> (8 * (size - 1 - i)));
    }
}

std::uint64_t GetBigEndian(const std::uint8_t* in, std::size_t size) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < size; ++i) value = value << 8 | in[i];
    return value;
}

void PutClaims(const TicketClaims& claims, std::uint8_t* out) {
    out[kFormatAt] = claims.rotating ? kFormatRotating : kFormatStatic;
    PutBigEndian(out + kEventAt, claims.event_id.value(), 4);
    std::copy(claims.ticket_id.bytes.begin(), claims.ticket_id.bytes.end(), out + kTicketAt);
    PutBigEndian(out + kZoneAt, claims.zone_index, 2);
    PutBigEndian(out + kSeatAt, claims.seat, 4);
    PutBigEndian(out + kVersionAt, claims.version, 4);
}

TicketClaims GetClaims(const std::uint8_t* in) {
    TicketClaims claims;
    claims.rotating = in[kFormatAt] == kFormatRotating;
    claims.event_id = EventId{GetBigEndian(in + kEventAt, 4)};
    std::copy(in + kTicketAt, in + kZoneAt, claims.ticket_id.bytes.begin());
    claims.zone_index = static_cast<std::uint16_t>(GetBigEndian(in + kZoneAt, 2));
    claims.seat = static_cast<std::uint32_t>(GetBigEndian(in + kSeatAt, 4));
    claims.version = static_cast<std::uint32_t>(GetBigEndian(in + kVersionAt, 4));
    return claims;
}

// The exact length of a payload with this format byte; 0 for an unknown format.
std::size_t LengthOf(std::uint8_t format) {
    if (format == kFormatStatic) return kStaticPayloadBytes;
    if (format == kFormatRotating) return kRotatingPayloadBytes;
    return 0;
}

}  // namespace

std::string EncodePayload(const TicketClaims& claims, const EventSigningKey& signing_key,
                          std::optional<std::uint32_t> code) {
    TIX_ASSERT(claims.event_id.value() <= kPayloadEventIdMax, "event id does not fit 4 bytes");
    TIX_ASSERT(code.has_value() == claims.rotating, "a code iff the payload is rotating");
    EnsureSodium();
    PayloadBytes bytes{};
    PutClaims(claims, bytes.data());
    crypto_sign_detached(bytes.data() + kSignatureAt, nullptr, bytes.data(), kSignedBytes,
                         signing_key.data());
    if (code) PutBigEndian(bytes.data() + kCodeAt, *code, kCodeBytes);
    return ToBase64Url(std::span(bytes.data(), LengthOf(bytes[kFormatAt])));
}

std::optional<DecodedPayload> DecodePayload(std::string_view text) {
    PayloadBytes bytes{};
    const auto size = FromBase64Url(text, bytes);
    if (!size || *size == 0 || *size != LengthOf(bytes[kFormatAt])) return std::nullopt;
    DecodedPayload payload;
    payload.claims_ = GetClaims(bytes.data());
    if (payload.claims_.rotating) {
        payload.code_ = static_cast<std::uint32_t>(GetBigEndian(bytes.data() + kCodeAt, 4));
    }
    std::copy(bytes.begin(), bytes.begin() + kSignedBytes, payload.signed_bytes_.begin());
    std::copy(bytes.begin() + kSignatureAt, bytes.begin() + kCodeAt, payload.signature_.begin());
    return payload;
}

bool VerifyPayload(const DecodedPayload& payload, const EventPublicKey& key) {
    EnsureSodium();
    return crypto_sign_verify_detached(payload.signature_.data(), payload.signed_bytes_.data(),
                                       payload.signed_bytes_.size(), key.bytes.data()) == 0;
}

}  // namespace tix::tickets
