import { createHash } from "node:crypto";
import { expect, it, vi } from "vitest";

vi.mock("../../auth/session", () => ({ session: {} }));
const { HashOfLines } = await import("./finalRanking");

it("HashOfLines hashes each line with its newline, rank 1 first", () => {
  const lines = ["1 7 42 140000 180 1.5 1555.5248618784531", "2 8 43 100000 900 1 1101.0989010989011"];
  const expected = createHash("sha256").update(lines.join("\n") + "\n").digest("hex");
  expect(HashOfLines(lines)).toBe(expected);
});
