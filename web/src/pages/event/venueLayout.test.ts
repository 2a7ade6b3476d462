import { describe, expect, it } from "vitest";
import type { Zone } from "../../api/types";
import { VenueLayout } from "./venueLayout";

function Zone(zone_id: string, price: number, kind: "seated" | "ga" = "seated"): Zone {
  return { zone_id, name: zone_id, kind, price, price_minor: price * 100, currency: "TWD", capacity: 100 };
}

describe("VenueLayout", () => {
  it("draws every zone once, standing zones on the field", () => {
    const zones = [Zone("INF1", 4200), Zone("INF3", 4200), Zone("OUTL", 2400), Zone("OUTR", 2400), Zone("UPR", 1200), Zone("STAND", 800, "ga")];
    const layout = VenueLayout(zones);
    expect(layout.shapes.map((s) => s.zoneId).sort()).toEqual(zones.map((z) => z.zone_id).sort());
    const stand = layout.shapes.find((s) => s.zoneId === "STAND")!;
    const { cx, cy, rx, ry } = layout.field;
    expect(((stand.label.x - cx) / rx) ** 2 + ((stand.label.y - cy) / ry) ** 2).toBeLessThan(1);
  });

  it("puts the pricier zones nearer the field", () => {
    const layout = VenueLayout([Zone("CHEAP", 100), Zone("A", 900), Zone("B", 900), Zone("C", 500), Zone("D", 500)]);
    const distance = (id: string) => {
      const { x, y } = layout.shapes.find((s) => s.zoneId === id)!.label;
      return Math.hypot(x - layout.field.cx, (y - layout.field.cy) / 0.85);
    };
    expect(distance("A")).toBeLessThan(distance("CHEAP"));
    expect(distance("D")).toBeLessThan(distance("CHEAP"));
  });

  it("a single seated zone is a whole ring", () => {
    const layout = VenueLayout([Zone("ONLY", 100)]);
    expect(layout.shapes[0].path.match(/M/g)?.length).toBe(2);
  });

  it("draws nothing but the field for no zones", () => {
    expect(VenueLayout([]).shapes).toEqual([]);
  });
});
