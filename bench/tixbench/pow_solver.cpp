#include "pow_solver.h"

#include <sodium.h>

#include <array>
#include <cassert>
#include <charconv>
#include <cstdint>

namespace tix::bench {
namespace {

constexpr unsigned kPowBitsMax = 32;
constexpr std::size_t kSha256BlockBytes = 64;

using Digest = std::array<unsigned char, crypto_hash_sha256_BYTES>;

bool HasLeadingZeroBits(const Digest& digest, unsigned bits) {
    std::size_t byte = 0;
    for (; bits >= 8; bits -= 8) {
        if (digest[byte++] != 0) return false;
    }
    return bits == 0 || (digest[byte] >> (8 - bits)) == 0;
}

void Update(crypto_hash_sha256_state& state, std::string_view bytes) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(bytes.data()),
                              bytes.size());
}

}  // namespace

std::string SolveProofOfWork(std::string_view challenge, unsigned bits) {
    assert(bits <= kPowBitsMax);
    const std::size_t whole_blocks = challenge.size() / kSha256BlockBytes * kSha256BlockBytes;
    crypto_hash_sha256_state prefix;
    crypto_hash_sha256_init(&prefix);
    Update(prefix, challenge.substr(0, whole_blocks));
    const std::string_view rest = challenge.substr(whole_blocks);
    Digest digest;
    char nonce[24];
    for (std::uint64_t n = 0;; ++n) {
        const std::size_t length =
            static_cast<std::size_t>(std::to_chars(nonce, nonce + sizeof nonce, n).ptr - nonce);
        crypto_hash_sha256_state state = prefix;
        Update(state, rest);
        Update(state, std::string_view(nonce, length));
        crypto_hash_sha256_final(&state, digest.data());
        if (HasLeadingZeroBits(digest, bits)) return std::string(nonce, length);
    }
}

bool ProofHolds(std::string_view challenge, std::string_view nonce, unsigned bits) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    Update(state, challenge);
    Update(state, nonce);
    Digest digest;
    crypto_hash_sha256_final(&state, digest.data());
    return bits <= 8 * digest.size() && HasLeadingZeroBits(digest, bits);
}

}  // namespace tix::bench
