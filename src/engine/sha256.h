// SHA-256, for the waiting room's draw (queue_draw.h) and proofs of work (proof_of_work.h).
// libsodium's crypto_hash_sha256: pure computation, no state, safe from any thread; it needs no
// sodium_init() (which only picks other primitives' implementations and seeds the RNG).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "engine/queue_types.h"

namespace tix::engine {

Sha256Digest Sha256(std::span<const std::uint8_t> bytes);
// SHA-256 of `first` immediately followed by `second` (no separator), without copying them.
Sha256Digest Sha256(std::span<const std::uint8_t> first, std::span<const std::uint8_t> second);
Sha256Digest Sha256(std::string_view first, std::string_view second);

// SHA-256 of text given in pieces (a final ranking of a million lines, without building it whole).
class Sha256Stream {
  public:
    Sha256Stream();
    void Update(std::string_view piece);
    Sha256Digest Finish();  // REQUIRES: called once

  private:
    alignas(16) std::array<unsigned char, 128> state_;  // a crypto_hash_sha256_state
};

// "ba7816bf...": lower-case hex, two digits per byte (digests and seeds as published).
std::string ToHex(std::span<const std::uint8_t> bytes);

}  // namespace tix::engine
