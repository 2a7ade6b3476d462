import { describe, expect, it } from "vitest";
import type { MyStanding, Ranking } from "../../api/bidding";
import { LiveStandingOf, WinningCount } from "./standing";

const kMine: MyStanding = {
  campaign_id: 1, status: "active", rank: 1, score: 500, price: 400, price_minor: 40000, is_winning: true,
  bid_id: 9, bid_number: 1, total_participants: 3,
};

function Board(userIds: number[], total: number, winning?: number): Ranking {
  return {
    campaign_id: 1, total_participants: total, min_winning_score: null, max_score: null, winning,
    top_k: userIds.map((user_id, i) => ({ rank: i + 1, user_id, username: `u${user_id}`, score: 900 - i, price: 1, price_minor: 100 })),
  };
}

describe("LiveStandingOf", () => {
  it("reads my rank from the board when I am on it", () => {
    expect(LiveStandingOf(7, kMine, Board([3, 7], 2, 1), 1)).toEqual({ rank: 2, winning: false });
  });

  it("below a partial board: not winning, rank unknown", () => {
    expect(LiveStandingOf(7, kMine, Board([3, 4], 10, 2), 2)).toEqual({ rank: undefined, winning: false });
  });

  it("without a board, the REST answer", () => {
    expect(LiveStandingOf(7, kMine, undefined, 1)).toEqual({ rank: 1, winning: true });
  });
});

it("WinningCount prefers the server's figure", () => {
  expect(WinningCount(Board([1, 2, 3], 3, 1), 10)).toBe(1);
  expect(WinningCount(Board([1, 2, 3], 3), 10)).toBe(3);
});
