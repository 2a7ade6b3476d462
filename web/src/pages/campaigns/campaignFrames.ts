// The frames of /ws/{campaign_id} (docs/api.md), parsed; anything else is ignored.
import type { Ranking } from "../../api/bidding";

export interface CampaignEnded {
  campaign_id: number;
  is_winner: boolean;
  // Null for a user who did not bid.
  final_rank: number | null;
  final_score: number | null;
  final_price: number | null;
}

export type CampaignFrame =
  | { event: "ranking_update"; data: Ranking }
  | { event: "bid_accepted"; data: { bid_id: number; rank: number; score: number } }
  | { event: "campaign_ended"; data: CampaignEnded };

const kKnownEvents = new Set(["ranking_update", "bid_accepted", "campaign_ended"]);

export function ParseFrame(data: unknown): CampaignFrame | undefined {
  if (typeof data !== "string") return undefined;
  try {
    const frame = JSON.parse(data) as { event?: string; data?: unknown };
    if (!frame.event || !kKnownEvents.has(frame.event) || typeof frame.data !== "object" || !frame.data) return undefined;
    return frame as CampaignFrame;
  } catch {
    return undefined;
  }
}
