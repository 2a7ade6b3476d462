// Proof of work for joining a waiting room: the server hands out a challenge string, the client
// finds a nonce such that SHA-256(challenge ‖ nonce) begins with `bits` zero bits (2^bits hashes
// on average), and the server checks it with one hash. The HTTP layer calls these before Join
// (the engine itself keeps only which challenges were used: challenge_ledger.h). Pure functions,
// any thread.
#pragma once

#include <string>
#include <string_view>

#include "common/limits.h"
#include "engine/queue_types.h"

namespace tix::engine {

using limits::kPowBitsMax;
using limits::kPowNonceLengthMax;

// Zero bits at the start of the digest, most significant bit of byte 0 first (0..256).
unsigned LeadingZeroBits(const Sha256Digest& digest);

// A nonce is 1..64 characters (Unicode code points of valid UTF-8, as a JSON string gives it).
bool IsValidNonce(std::string_view nonce);

// True if the nonce is valid and SHA-256 over the bytes of `challenge` immediately followed by
// the bytes of `nonce` (no separator; UTF-8 as given) has at least `bits` leading zero bits: the
// one rule of a proof, for the join route and the load generator alike. bits == 0 accepts any
// valid nonce; bits > 256 accepts none.
bool HasLeadingZeroBits(std::string_view challenge, std::string_view nonce, unsigned bits);

// The first nonce, counting in decimal ("0", "1", "2", ...), that HasLeadingZeroBits accepts:
// 2^bits hashes on average. For tests and the load generator.
// REQUIRES: bits <= kPowBitsMax.
std::string SolveProofOfWork(std::string_view challenge, unsigned bits);

}  // namespace tix::engine
