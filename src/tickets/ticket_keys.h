// Ticket keys (docs/tickets.md, "Keys"). One 32-byte master key per deployment, in a file of the
// data dir (ticket.key); everything else is derived from it, deterministically, per event:
//
//   signing seed = BLAKE2b-256(key = master, "tix ticket signing v1" || event id, 8 bytes BE)
//   key pair     = Ed25519 from the seed (crypto_sign_seed_keypair)
//   rotation key = BLAKE2b-256(key = master, "tix ticket rotation v1" || event id, 8 bytes BE)
//   ticket id key = BLAKE2b-256(key = master, "tix ticket ids v1")
//
// so nothing per event is stored, and every tixd sharing the master key agrees on every key. The
// public key is published (GET /api/v1/events/{id}/checkin/key, the scanners' bundle); the
// signing and rotation keys never leave tixd (the rotation key goes to scanners of an event with
// rotating codes, which must check them offline).
//
// Pure functions (but LoadOrCreateMasterKey, which does file IO at start-up); any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/types.h"
#include "tickets/secret_bytes.h"

namespace tix::tickets {

inline constexpr std::size_t kMasterKeyBytes = 32;
inline constexpr std::size_t kPublicKeyBytes = 32;    // crypto_sign_PUBLICKEYBYTES
inline constexpr std::size_t kSigningKeyBytes = 64;   // crypto_sign_SECRETKEYBYTES
inline constexpr std::size_t kRotationKeyBytes = 32;  // crypto_generichash_BYTES
inline constexpr std::size_t kTicketIdKeyBytes = 32;

using TicketMasterKey = SecretBytes<struct TicketMasterKeyTag, kMasterKeyBytes>;
// Ed25519 secret key in libsodium's form (seed || public key).
using EventSigningKey = SecretBytes<struct EventSigningKeyTag, kSigningKeyBytes>;
// Keys the per-ticket secrets of rotating codes (rotating_code.h).
using RotationKey = SecretBytes<struct RotationKeyTag, kRotationKeyBytes>;
// What the engine derives ticket ids from (it has no randomness of its own).
using TicketIdKey = SecretBytes<struct TicketIdKeyTag, kTicketIdKeyBytes>;

// Not a secret: published, so a plain value.
struct EventPublicKey {
    std::array<std::uint8_t, kPublicKeyBytes> bytes{};
    bool operator==(const EventPublicKey&) const = default;
};

struct EventKeys {
    EventPublicKey public_key;
    EventSigningKey signing_key;
    RotationKey rotation_key;
};

// Reads the master key from `path` (exactly 32 raw bytes, mode 0600), or creates it with fresh
// random bytes (mode 0600, written to a temporary file, fsync'd and linked into place) when the
// file does not exist. Refuses a file of another size (Corruption) or readable by group or
// others (InvalidArgument): as auth::TokenSigner::FromKeyFile does with token.key.
Result<TicketMasterKey> LoadOrCreateMasterKey(const std::string& path);

// About 20 µs (two BLAKE2b and one scalar multiplication): cheap enough per request, or cache.
EventKeys DeriveEventKeys(const TicketMasterKey& master, EventId event_id);
TicketIdKey DeriveTicketIdKey(const TicketMasterKey& master);

// The published forms: base64url without padding (43 characters for 32 bytes).
std::string ToBase64Url(const EventPublicKey& key);
std::optional<EventPublicKey> ParsePublicKey(std::string_view text);
std::string ToBase64Url(const RotationKey& key);
std::optional<RotationKey> ParseRotationKey(std::string_view text);

}  // namespace tix::tickets
