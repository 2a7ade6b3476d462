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

bool HasLeadingZeroBits(std::string_view challenge, std::string_view nonce, unsigned bits) {
    if (nonce.empty() || nonce.size() > kPowNonceLengthMax) return false;
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
