// The client's side of the waiting room's proof of work (docs/api.md): find a nonce such that
// SHA-256 over the challenge immediately followed by the nonce begins with `bits` zero bits.
// Written from the contract with libsodium's SHA-256, independently of tixd's code, so a join
// the server accepts checks the contract too. Pure functions, any thread.
#pragma once

#include <string>
#include <string_view>

namespace tix::bench {

// The first decimal nonce ("0", "1", ...) that works: 2^bits hashes on average. The challenge's
// whole 64-byte blocks are hashed once, so each try costs one or two SHA-256 blocks.
// REQUIRES: bits <= 32 (tixd's maximum).
std::string SolveProofOfWork(std::string_view challenge, unsigned bits);

// True if SHA-256(challenge ‖ nonce) begins with `bits` zero bits (a whole hash, no shortcut).
bool ProofHolds(std::string_view challenge, std::string_view nonce, unsigned bits);

}  // namespace tix::bench
