import { describe, expect, it } from "vitest";
import { EstimateScore, FormatScore, RankAmong } from "./score";

const kDefaults = { alpha: 1, beta: 1000, gamma: 100 };

describe("EstimateScore", () => {
  it("matches docs/api.md's example bid", () => {
    // price 1500, T = 1000 ms, W = 1 → 1600.999000999...
    expect(EstimateScore(kDefaults, { price: 1500, elapsedMs: 1000, memberWeight: 1 })).toBeCloseTo(1600.999000999, 9);
  });

  it("a bid at the very start gets the whole time bonus", () => {
    expect(EstimateScore(kDefaults, { price: 0, elapsedMs: 0, memberWeight: 1 })).toBe(1100);
  });

  it("a clock slightly before the start counts as the start", () => {
    expect(EstimateScore(kDefaults, { price: 10, elapsedMs: -500, memberWeight: 2 })).toBe(1210);
  });
});

describe("RankAmong", () => {
  it("ranks after higher and equal scores", () => {
    expect(RankAmong(100, [300, 100, 50], false)).toBe(3);
  });

  it("first on an empty board", () => {
    expect(RankAmong(1, [], true)).toBe(1);
  });

  it("unknown below a partial board's end", () => {
    expect(RankAmong(10, [300, 100], false)).toBeUndefined();
    expect(RankAmong(10, [300, 100], true)).toBe(3);
  });
});

it("FormatScore keeps two decimals", () => {
  expect(FormatScore(1600.999)).toBe("1601.00");
});
