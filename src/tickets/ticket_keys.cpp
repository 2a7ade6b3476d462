#include "tickets/ticket_keys.h"

#include <sodium.h>

#include <span>

#include "common/key_file.h"
#include "tickets/base64url.h"
#include "tickets/sodium_ready.h"

namespace tix::tickets {
namespace {

// Domain separation: each derived key hashes its own label, so no two can coincide.
constexpr std::string_view kSigningLabel = "tix ticket signing v1";
constexpr std::string_view kRotationLabel = "tix ticket rotation v1";
constexpr std::string_view kTicketIdLabel = "tix ticket ids v1";

static_assert(kPublicKeyBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(kSigningKeyBytes == crypto_sign_SECRETKEYBYTES);
static_assert(crypto_sign_SEEDBYTES == 32);
static_assert(kMasterKeyBytes >= crypto_generichash_KEYBYTES_MIN &&
              kMasterKeyBytes <= crypto_generichash_KEYBYTES_MAX);

// BLAKE2b-256 keyed by the master key over label || event id (8 bytes BE, when given).
void DeriveBytes(const TicketMasterKey& master, std::string_view label,
                 std::optional<EventId> event_id, std::uint8_t* out) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, master.data(), master.size(), 32);
    crypto_generichash_update(&state, reinterpret_cast<const std::uint8_t*>(label.data()),
                              label.size());
    if (event_id) {
        std::array<std::uint8_t, 8> id{};
        for (std::size_t i = 0; i < id.size(); ++i) {
            id[i] = static_cast<std::uint8_t>(event_id->value() >> (56 - 8 * i));
        }
        crypto_generichash_update(&state, id.data(), id.size());
    }
    crypto_generichash_final(&state, out, 32);
    sodium_memzero(&state, sizeof state);
}

}  // namespace

Result<TicketMasterKey> LoadOrCreateMasterKey(const std::string& path) {
    EnsureSodium();
    TicketMasterKey fresh;
    randombytes_buf(fresh.data(), fresh.size());
    TicketMasterKey key;
    const Status status = LoadOrCreateKeyFile(path, std::span<std::uint8_t>(key.data(), key.size()),
                                              fresh.bytes(), "the ticket master key");
    if (!status.ok()) return status;
    return key;
}

EventKeys DeriveEventKeys(const TicketMasterKey& master, EventId event_id) {
    EnsureSodium();
    EventKeys keys;
    SecretBytes<struct SeedTag, crypto_sign_SEEDBYTES> seed;
    DeriveBytes(master, kSigningLabel, event_id, seed.data());
    crypto_sign_seed_keypair(keys.public_key.bytes.data(), keys.signing_key.data(), seed.data());
    DeriveBytes(master, kRotationLabel, event_id, keys.rotation_key.data());
    return keys;
}

TicketIdKey DeriveTicketIdKey(const TicketMasterKey& master) {
    EnsureSodium();
    TicketIdKey key;
    DeriveBytes(master, kTicketIdLabel, std::nullopt, key.data());
    return key;
}

std::string ToBase64Url(const EventPublicKey& key) { return ToBase64Url(std::span(key.bytes)); }

std::optional<EventPublicKey> ParsePublicKey(std::string_view text) {
    EventPublicKey key;
    if (!FromBase64UrlExact(text, key.bytes)) return std::nullopt;
    return key;
}

std::string ToBase64Url(const RotationKey& key) { return ToBase64Url(key.bytes()); }

std::optional<RotationKey> ParseRotationKey(std::string_view text) {
    RotationKey key;
    if (!FromBase64UrlExact(text, std::span(key.data(), key.size()))) return std::nullopt;
    return key;
}

}  // namespace tix::tickets
