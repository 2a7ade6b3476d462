import { describe, expect, it } from "vitest";
import { HoldsPerSecond } from "./salesRate";
import type { ZoneCounts } from "../../api/types";

function Zone(held: number, sold: number): ZoneCounts {
  return { zone_id: "GA", kind: "ga", capacity: 100, available: 100 - held - sold, held, sold };
}

describe("HoldsPerSecond", () => {
  it("counts new holds over the time between two counts", () => {
    expect(HoldsPerSecond({ atMs: 0, zones: [Zone(0, 0)] }, { atMs: 2000, zones: [Zone(6, 0)] })).toBe(3);
  });

  it("a payment (held to sold) is not a new hold", () => {
    expect(HoldsPerSecond({ atMs: 0, zones: [Zone(4, 0)] }, { atMs: 1000, zones: [Zone(0, 4)] })).toBe(0);
  });

  it("is never negative when holds expire", () => {
    expect(HoldsPerSecond({ atMs: 0, zones: [Zone(5, 0)] }, { atMs: 1000, zones: [Zone(1, 0)] })).toBe(0);
  });

  it("is zero for the same instant", () => {
    expect(HoldsPerSecond({ atMs: 5, zones: [Zone(0, 0)] }, { atMs: 5, zones: [Zone(3, 0)] })).toBe(0);
  });
});
