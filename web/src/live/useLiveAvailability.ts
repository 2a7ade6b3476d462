// Live zone counts of an event: the REST answer first (so the map draws at once), then every
// frame of /ws/events/{id} (docs/api.md): pushed by the server at most twice a second, no polling.
// A frame older than the last one seen (lower `version`) is ignored. The socket reconnects with
// backoff when it drops, and pings so the server's 60-second idle timeout never closes it.
import { useEffect, useState } from "react";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { EventsApi } from "../api/events";
import type { Availability } from "../api/types";

const kReconnectFirstMs = 500;
const kReconnectMaxMs = 15_000;
const kPingEveryMs = 25_000;

export function AvailabilityKey(eventId: number) {
  return ["availability", eventId] as const;
}

export function AvailabilityQuery(eventId: number) {
  return queryOptions({
    queryKey: AvailabilityKey(eventId),
    queryFn: () => EventsApi.Availability(eventId, false),
    staleTime: Infinity, // The socket keeps it fresh.
  });
}

export function useLiveAvailability(eventId: number) {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  const query = useQuery(AvailabilityQuery(eventId));

  useEffect(() => {
    let socket: WebSocket | undefined;
    let stopped = false;
    let retryMs = kReconnectFirstMs;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let pingTimer: ReturnType<typeof setInterval> | undefined;

    const open = () => {
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      socket = new WebSocket(`${scheme}://${location.host}/ws/events/${eventId}`);
      socket.onopen = () => {
        retryMs = kReconnectFirstMs;
        setConnected(true);
        pingTimer = setInterval(() => socket?.send(JSON.stringify({ event: "ping" })), kPingEveryMs);
      };
      socket.onmessage = (message) => {
        const frame = ParseFrame(message.data);
        if (!frame) return;
        queryClient.setQueryData<Availability>(AvailabilityKey(eventId), (old) =>
          old?.version !== undefined && frame.version !== undefined && frame.version < old.version ? old : frame,
        );
      };
      socket.onclose = () => {
        setConnected(false);
        clearInterval(pingTimer);
        if (stopped) return;
        reconnectTimer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, kReconnectMaxMs);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(reconnectTimer);
      clearInterval(pingTimer);
      socket?.close();
    };
  }, [eventId, queryClient]);

  return { availability: query.data, error: query.error, connected, refetch: query.refetch };
}

function ParseFrame(data: unknown): Availability | undefined {
  if (typeof data !== "string") return undefined;
  try {
    const frame = JSON.parse(data) as { event?: string; data?: Availability };
    return frame.event === "availability" ? frame.data : undefined;
  } catch {
    return undefined;
  }
}
