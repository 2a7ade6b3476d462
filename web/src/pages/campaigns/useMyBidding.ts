// The signed-in bidder's side of a campaign: my standing bid (null before my first), my bids,
// and my member weight (the score's W: docs/api.md, GET /auth/me `weight`, 1 if absent).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { IsApiError } from "../../api/ApiError";
import { BiddingApi, type MyStanding } from "../../api/bidding";

const kDefaultMemberWeight = 1;

export function StandingKey(campaignId: number) {
  return ["my-standing", campaignId] as const;
}

export function HistoryKey(campaignId: number) {
  return ["my-bids", campaignId] as const;
}

export function useMyBidding(campaignId: number, signedIn: boolean) {
  const queryClient = useQueryClient();
  const standing = useQuery({
    queryKey: StandingKey(campaignId),
    queryFn: () => StandingOrNull(campaignId),
    enabled: signedIn,
  });
  const history = useQuery({ queryKey: HistoryKey(campaignId), queryFn: () => BiddingApi.History(campaignId), enabled: signedIn });
  const me = useQuery({ queryKey: ["me"], queryFn: BiddingApi.Me, enabled: signedIn, staleTime: 60_000 });
  // After a bid of mine (its answer, or its bid_accepted frame from another tab).
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: StandingKey(campaignId) });
    void queryClient.invalidateQueries({ queryKey: HistoryKey(campaignId) });
  };
  return {
    standing: standing.data ?? null,
    history: history.data ?? [],
    memberWeight: me.data?.weight ?? kDefaultMemberWeight,
    refresh,
  };
}

async function StandingOrNull(campaignId: number): Promise<MyStanding | null> {
  try {
    return await BiddingApi.Mine(campaignId);
  } catch (error) {
    if (IsApiError(error, "no_bid")) return null;
    throw error;
  }
}
