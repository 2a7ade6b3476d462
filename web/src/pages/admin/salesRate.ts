// Holds per second from two successive availability counts: no endpoint gives the rate, so the
// dashboard derives it. A new hold raises held + sold (paying moves a seat from held to sold,
// which leaves the sum alone); expiries and cancellations lower it, so the figure is a lower
// bound while holds lapse, and never shown negative.
import type { ZoneCounts } from "../../api/types";

export interface CountsAt {
  atMs: number;
  zones: ZoneCounts[];
}

export function TakenSeats(zones: ZoneCounts[]): number {
  return zones.reduce((sum, zone) => sum + zone.held + zone.sold, 0);
}

export function HoldsPerSecond(earlier: CountsAt, later: CountsAt): number {
  const seconds = (later.atMs - earlier.atMs) / 1000;
  if (seconds <= 0) return 0;
  return Math.max(TakenSeats(later.zones) - TakenSeats(earlier.zones), 0) / seconds;
}
