import { describe, expect, it } from "vitest";
import type { TixEvent } from "../../api/types";
import { GroupEvents } from "./groupEvents";

function Event(event_id: number, series: string | null, starts_at: string): TixEvent {
  return { event_id, name: `E${event_id}`, series, venue: "V", starts_at, sale_starts_at: starts_at, max_per_user: 8, hold_seconds: 600, zones: [] };
}

describe("GroupEvents", () => {
  it("groups by series, then day, each in start order; events without a series last under one name", () => {
    const groups = GroupEvents([
      Event(3, "S", "2026-12-20T11:00:00Z"),
      Event(1, "S", "2026-12-19T11:00:00Z"),
      Event(2, null, "2026-12-18T11:00:00Z"),
      Event(4, "S", "2026-12-19T15:00:00Z"),
    ], "Other");
    expect(groups.map((g) => g.name)).toEqual(["Other", "S"]);
    const s = groups[1];
    expect(s.days.map((d) => d.events.map((e) => e.event_id))).toEqual([[1, 4], [3]]);
  });
});
