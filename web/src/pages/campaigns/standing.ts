// Where I stand now. The board (pushed every ~2 s) moves as others bid, while my standing bid's
// rank from the REST answer is as of my last bid: so my rank is read from the board when I am
// on it, and otherwise I am below everyone shown.
import type { MyStanding, Ranking } from "../../api/bidding";

export interface LiveStanding {
  rank: number | undefined; // undefined: below the board
  winning: boolean;
}

export function LiveStandingOf(userId: number, standing: MyStanding, board: Ranking | undefined, winningCount: number): LiveStanding {
  if (!board) return { rank: standing.rank, winning: standing.is_winning };
  const entry = board.top_k.find((e) => e.user_id === userId);
  if (entry) return { rank: entry.rank, winning: entry.rank <= winningCount };
  // Not on a board that shows everyone: then the board is older than my bid; trust the answer.
  if (board.top_k.length >= board.total_participants) return { rank: standing.rank, winning: standing.is_winning };
  return { rank: undefined, winning: false };
}

// How many ranks win now: the server's figure, else min(K, participants) (stock unknown here).
export function WinningCount(board: Ranking | undefined, quota: number): number {
  if (board?.winning !== undefined) return board.winning;
  return Math.min(quota, board?.total_participants ?? quota);
}
