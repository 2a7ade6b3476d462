// The engine's one use of libsodium (see sha256.h for why it may be here).
#include "engine/sha256.h"

#include <sodium.h>

namespace tix::engine {

Sha256Digest Sha256(std::span<const std::uint8_t> bytes) {
    Sha256Digest digest;
    crypto_hash_sha256(digest.data(), bytes.data(), bytes.size());
    return digest;
}

Sha256Digest Sha256(std::span<const std::uint8_t> first, std::span<const std::uint8_t> second) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    crypto_hash_sha256_update(&state, first.data(), first.size());
    crypto_hash_sha256_update(&state, second.data(), second.size());
    Sha256Digest digest;
    crypto_hash_sha256_final(&state, digest.data());
    return digest;
}

Sha256Digest Sha256(std::string_view first, std::string_view second) {
    const auto bytes = [](std::string_view s) {
        return std::span(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
    };
    return Sha256(bytes(first), bytes(second));
}

static_assert(sizeof(crypto_hash_sha256_state) <= 128 && alignof(crypto_hash_sha256_state) <= 16);

Sha256Stream::Sha256Stream() {
    crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_.data()));
}

void Sha256Stream::Update(std::string_view piece) {
    crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_.data()),
                              reinterpret_cast<const unsigned char*>(piece.data()), piece.size());
}

Sha256Digest Sha256Stream::Finish() {
    Sha256Digest digest;
    crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_.data()),
                             digest.data());
    return digest;
}

std::string ToHex(std::span<const std::uint8_t> bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (const std::uint8_t byte : bytes) {
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 0xf];
    }
    return hex;
}

}  // namespace tix::engine
