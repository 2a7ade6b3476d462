// A campaign's status as of now: the server's answer moves on by the clock between reads (a
// scheduled campaign opens at its start, an active one closes at its end), so a page shows
// the right form without asking again every second. Settlement only the server can say.
import type { Campaign, CampaignStatus } from "../../api/bidding";

export function StatusAt(campaign: Pick<Campaign, "status" | "start_time" | "end_time">, nowMs: number): CampaignStatus {
  if (campaign.status === "settled") return "settled";
  if (nowMs >= Date.parse(campaign.end_time)) return "ended";
  if (nowMs >= Date.parse(campaign.start_time)) return campaign.status === "ended" ? "ended" : "active";
  return campaign.status;
}

