// A campaign live over /ws/{campaign_id}?token= (docs/api.md): the board (`ranking_update`,
// on connect and every ~2 s while active), my accepted bids (`bid_accepted`) and my result
// (`campaign_ended`). No polling: the REST ranking seeds the board once, frames replace it.
// The socket reconnects with backoff, each time with a fresh token (they live an hour, or a
// minute in the e2e run), and pings so the server's idle timeout never closes it.
import { useEffect, useRef, useState } from "react";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { BiddingApi, type Ranking } from "../../api/bidding";
import { session } from "../../auth/session";
import { ParseFrame, type CampaignEnded } from "./campaignFrames";

const kReconnectFirstMs = 500;
const kReconnectMaxMs = 15_000;
const kPingEveryMs = 25_000;

export function RankingQuery(campaignId: number) {
  return queryOptions({
    queryKey: ["ranking", campaignId],
    queryFn: () => BiddingApi.Ranking(campaignId),
    staleTime: Infinity, // The socket keeps it fresh.
  });
}

// `live`: whether to hold a socket at all (signed in, and the campaign not yet settled).
export function useCampaignFeed(campaignId: number, live: boolean, onMyBid: () => void) {
  const queryClient = useQueryClient();
  const ranking = useQuery(RankingQuery(campaignId));
  const [connected, setConnected] = useState(false);
  const [ended, setEnded] = useState<CampaignEnded>();
  // How far the server's clock is ahead of ours (from the frames' timestamps): the score's T is
  // the server's, so the estimate should be too. Network delay makes it a little low; harmless.
  const [serverAheadMs, setServerAheadMs] = useState(0);
  // Read when a frame arrives: a new function each render must not reconnect.
  const onMyBidRef = useRef(onMyBid);
  onMyBidRef.current = onMyBid;

  useEffect(() => {
    if (!live) return;
    let socket: WebSocket | undefined;
    let stopped = false;
    let retryMs = kReconnectFirstMs;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let pingTimer: ReturnType<typeof setInterval> | undefined;

    const reconnectLater = () => {
      if (stopped) return;
      reconnectTimer = setTimeout(() => void open(), retryMs);
      retryMs = Math.min(retryMs * 2, kReconnectMaxMs);
    };
    const open = async () => {
      const token = await session.FreshAccessToken();
      if (stopped) return;
      if (!token) return reconnectLater();
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      socket = new WebSocket(`${scheme}://${location.host}/ws/${campaignId}?token=${encodeURIComponent(token)}`);
      socket.onopen = () => {
        retryMs = kReconnectFirstMs;
        setConnected(true);
        pingTimer = setInterval(() => socket?.send(JSON.stringify({ event: "ping" })), kPingEveryMs);
      };
      socket.onmessage = (message) => {
        const frame = ParseFrame(message.data);
        if (frame?.event === "ranking_update") {
          if (frame.data.timestamp_ms !== undefined) setServerAheadMs(frame.data.timestamp_ms - Date.now());
          queryClient.setQueryData<Ranking>(["ranking", campaignId], (old) => NewerRanking(old, frame.data));
        } else if (frame?.event === "bid_accepted") {
          onMyBidRef.current();
        } else if (frame?.event === "campaign_ended") {
          setEnded(frame.data);
        }
      };
      socket.onclose = () => {
        setConnected(false);
        clearInterval(pingTimer);
        reconnectLater();
      };
    };
    void open();
    return () => {
      stopped = true;
      clearTimeout(reconnectTimer);
      clearInterval(pingTimer);
      socket?.close();
    };
  }, [campaignId, live, queryClient]);

  return { ranking: ranking.data, rankingError: ranking.error, connected, ended, serverAheadMs };
}

// A frame older than the board shown (a reconnect's race) does not replace it.
function NewerRanking(old: Ranking | undefined, next: Ranking): Ranking {
  if (old?.timestamp_ms !== undefined && next.timestamp_ms !== undefined && next.timestamp_ms < old.timestamp_ms) return old;
  return { ...old, ...next };
}
