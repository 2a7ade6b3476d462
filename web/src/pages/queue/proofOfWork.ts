// The waiting room's proof of work (docs/api.md, GET .../queue/challenge): find a nonce, a
// decimal string, such that SHA-256(challenge ‖ nonce) begins with `bits` zero bits.
import { sha256 } from "@noble/hashes/sha2";

export interface PowProgress {
  kind: "progress";
  attempts: number;
}
export interface PowSolved {
  kind: "solved";
  nonce: string;
  attempts: number;
}
export type PowMessage = PowProgress | PowSolved;

// How often progress is reported: often enough for a smooth bar, rarely enough to cost nothing.
export const kProgressEveryAttempts = 1 << 14;
// A decimal nonce below 2^53 has at most 16 digits.
const kNonceDigitsMax = 16;

export function LeadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte !== 0) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

// Tries nonces first, first + stride, ... (several workers share the search by stride). One
// buffer holds the challenge and the nonce is written after it in place: allocation-free tries
// are what make a pure-JS SHA-256 fast enough (~200k a second on one core).
export function SolveProofOfWork(
  challenge: string,
  bits: number,
  first: number,
  stride: number,
  report: (m: PowMessage) => void,
): string {
  const encoder = new TextEncoder();
  const prefix = encoder.encode(challenge);
  const buffer = new Uint8Array(prefix.length + kNonceDigitsMax);
  buffer.set(prefix);
  const tail = buffer.subarray(prefix.length);
  for (let n = first, attempts = 1; ; n += stride, attempts++) {
    const nonce = String(n);
    const written = encoder.encodeInto(nonce, tail).written;
    if (LeadingZeroBits(sha256(buffer.subarray(0, prefix.length + written))) >= bits) {
      report({ kind: "solved", nonce, attempts });
      return nonce;
    }
    if (attempts % kProgressEveryAttempts === 0) report({ kind: "progress", attempts });
  }
}
