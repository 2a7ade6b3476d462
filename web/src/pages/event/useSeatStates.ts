// The seat states of an event (GET .../availability?seats=true), fetched again whenever the live
// counts move (a WebSocket frame with a new version): live without polling.
import { useEffect } from "react";
import { useQuery } from "@tanstack/react-query";
import { EventsApi } from "../../api/events";
import type { Availability } from "../../api/types";
import { AvailabilityKey } from "../../live/useLiveAvailability";

export function useSeatStates(eventId: number, zoneId: string) {
  const live = useQuery<Availability>({ queryKey: AvailabilityKey(eventId), enabled: false });
  const liveVersion = live.data?.version;
  const seats = useQuery({
    queryKey: ["seats", eventId],
    queryFn: () => EventsApi.Availability(eventId, true),
    staleTime: Infinity,
  });
  const { refetch } = seats;
  useEffect(() => {
    if (liveVersion !== undefined) void refetch();
  }, [liveVersion, refetch]);
  const rows = seats.data?.zones.find((z) => z.zone_id === zoneId)?.rows ?? [];
  return { rows, error: seats.error, isPending: seats.isPending, refetch };
}

export function SeatId(zoneId: string, row: string, index: number): string {
  return `${zoneId}-${row}-${index + 1}`;
}
