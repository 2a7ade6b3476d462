#include "engine/proof_of_work.h"

#include <bit>
#include <cstdint>

#include "engine/sha256.h"
#include "engine/tix_assert.h"

namespace tix::engine {

unsigned LeadingZeroBits(const Sha256Digest& digest) {
    unsigned bits = 0;
    for (const std::uint8_t byte : digest) {
        if (byte != 0) return bits + static_cast<unsigned>(std::countl_zero(byte));
        bits += 8;
    }
    return bits;
}

bool IsValidNonce(std::string_view nonce) {
    std::size_t characters = 0;
    for (const char c : nonce) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;  // not a continuation
    }
    return characters >= 1 && characters <= kPowNonceLengthMax;
}

bool HasLeadingZeroBits(std::string_view challenge, std::string_view nonce, unsigned bits) {
    if (!IsValidNonce(nonce)) return false;
    return LeadingZeroBits(Sha256(challenge, nonce)) >= bits;
}

std::string SolveProofOfWork(std::string_view challenge, unsigned bits) {
    TIX_ASSERT(bits <= kPowBitsMax, "more proof-of-work bits than a join may ask");
    for (std::uint64_t n = 0;; ++n) {
        std::string nonce = std::to_string(n);
        if (HasLeadingZeroBits(challenge, nonce, bits)) return nonce;
    }
}

}  // namespace tix::engine
