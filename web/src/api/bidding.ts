// Bidding flash-sales (docs/api.md "Bidding flash-sales"): products, campaigns, bids, rankings.
import { Api } from "./client";

export type CampaignStatus = "scheduled" | "active" | "ended" | "settled";

export interface Product {
  product_id: number;
  name: string;
  description?: string | null;
  image_url?: string | null;
  stock: number;
  initial_stock: number;
  min_price: number;
  min_price_minor: number;
  currency: string;
}

export interface Campaign {
  campaign_id: number;
  product_id: number;
  start_time: string;
  end_time: string;
  alpha: number;
  beta: number;
  gamma: number;
  quota: number;
  status: CampaignStatus;
  participants: number;
  bids: number;
  winning: number;
  max_score: number | null;
  min_winning_score: number | null;
  settled_at: string | null;
  winners: number | null;
  final_sha256: string | null;
  // Only on GET /campaigns/{id} (with the product), not in the list.
  currency: string;
  product?: Product;
}

export interface Bid {
  bid_id: number;
  campaign_id: number;
  price: number;
  price_minor: number;
  score: number;
  time_elapsed_ms: number;
  member_weight: number;
  bid_number: number;
  placed_at: string;
}

// POST /bids's answer adds the place the bid took and the money's currency (the history's
// bids carry neither).
export interface PlacedBid extends Bid {
  rank: number;
  currency: string;
}

export interface RankEntry {
  rank: number;
  user_id: number;
  username: string;
  score: number;
  price: number;
  price_minor: number;
  is_winning?: boolean;
}

export interface Ranking {
  campaign_id: number;
  top_k: RankEntry[];
  total_participants: number;
  min_winning_score: number | null;
  max_score: number | null;
  winning?: number;
  status?: CampaignStatus;
  // Frames only: when the server rendered it.
  timestamp_ms?: number;
}

export interface MyStanding {
  campaign_id: number;
  status: CampaignStatus;
  rank: number;
  score: number;
  price: number;
  price_minor: number;
  is_winning: boolean;
  bid_id: number;
  bid_number: number;
  total_participants: number;
}

export interface Me {
  user_id: number;
  weight?: number;
}

export const BiddingApi = {
  Campaigns: () => Api<{ campaigns: Campaign[] }>("/campaigns").then((a) => a.campaigns),
  Products: () => Api<{ products: Product[] }>("/products").then((a) => a.products),
  Campaign: (campaignId: number) => Api<Campaign>(`/campaigns/${campaignId}`),
  // Not retried: a bid is a write (the client retries only GETs); the person presses again.
  PlaceBid: (campaignId: number, price: number) =>
    Api<PlacedBid>("/bids", { method: "POST", body: { campaign_id: campaignId, price }, auth: true }),
  History: (campaignId: number) =>
    Api<{ bids: Bid[] }>(`/bids/${campaignId}/history`, { auth: true }).then((a) => a.bids),
  Ranking: (campaignId: number) => Api<Ranking>(`/rankings/${campaignId}`),
  Mine: (campaignId: number) => Api<MyStanding>(`/rankings/${campaignId}/me`, { auth: true }),
  Me: () => Api<Me>("/auth/me", { auth: true }),
};
