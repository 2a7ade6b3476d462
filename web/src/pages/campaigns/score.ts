// The score a bid would get, computed in the browser the way tixd does (docs/bidding.md):
// score = alpha·P + beta/(T+1) + gamma·W. Only an estimate: tixd takes T when the bid arrives,
// not when it is typed, and the weight it looks up then.

export interface ScoreWeights {
  alpha: number;
  beta: number;
  gamma: number;
}

export interface ScoreInput {
  price: number; // P, major units
  elapsedMs: number; // T, ms since the campaign's start
  memberWeight: number; // W
}

export function EstimateScore(weights: ScoreWeights, input: ScoreInput): number {
  const elapsedMs = Math.max(input.elapsedMs, 0);
  return weights.alpha * input.price + weights.beta / (elapsedMs + 1) + weights.gamma * input.memberWeight;
}

// The rank a score would take on the board shown: one after every entry that scores higher
// (an equal score goes to the earlier bid, which is theirs). Past the board's end: undefined.
export function RankAmong(score: number, boardScores: number[], boardIsWhole: boolean): number | undefined {
  const ahead = boardScores.filter((s) => s >= score).length;
  if (ahead < boardScores.length || boardIsWhole) return ahead + 1;
  return undefined;
}

// A score as people read it: two decimals are enough to tell bids apart.
export function FormatScore(score: number): string {
  return score.toFixed(2);
}
