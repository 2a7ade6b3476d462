import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LeadingZeroBits, SolveProofOfWork } from "./proofOfWork";

describe("LeadingZeroBits", () => {
  it("counts zero bits from the first byte on", () => {
    expect(LeadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(LeadingZeroBits(new Uint8Array([0x01]))).toBe(7);
    expect(LeadingZeroBits(new Uint8Array([0x00, 0x20]))).toBe(10);
    expect(LeadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });
});

describe("SolveProofOfWork", () => {
  it("finds a nonce the server's rule accepts: SHA-256(challenge ‖ nonce) starts with bits zero bits", () => {
    const challenge = "AQAAAAEtest-challenge";
    const nonce = SolveProofOfWork(challenge, 12, 0, 1, () => {});
    const digest = createHash("sha256").update(challenge + nonce).digest();
    expect(LeadingZeroBits(digest)).toBeGreaterThanOrEqual(12);
    expect(nonce).toMatch(/^\d{1,16}$/);
  });

  it("workers sharing the search by stride try disjoint nonces", () => {
    const challenge = "stride";
    const a = SolveProofOfWork(challenge, 6, 0, 2, () => {});
    const b = SolveProofOfWork(challenge, 6, 1, 2, () => {});
    expect(Number(a) % 2).toBe(0);
    expect(Number(b) % 2).toBe(1);
  });

  it("zero bits: the first nonce does", () => {
    expect(SolveProofOfWork("x", 0, 0, 1, () => {})).toBe("0");
  });
});
