import { describe, expect, it } from "vitest";
import { kTaipeiDomeZones, RowLabel, ToNewZone, ZoneCapacity } from "./taipeiDome";

describe("Taipei Dome template", () => {
  it("labels rows as stadium tickets do", () => {
    expect([RowLabel(0), RowLabel(25), RowLabel(26), RowLabel(27), RowLabel(52)]).toEqual(["A", "Z", "AA", "AB", "BA"]);
  });

  it("holds the demo's 42,000 seats and 3,000 standing places", () => {
    const total = kTaipeiDomeZones.reduce((sum, zone) => sum + ZoneCapacity(zone), 0);
    expect(total).toBe(45_000);
  });

  it("turns a seated zone into rows and a standing zone into a capacity", () => {
    const upper = ToNewZone(kTaipeiDomeZones.find((z) => z.zone_id === "UPR")!);
    expect(upper.rows).toHaveLength(50);
    expect(upper.rows![49]).toEqual({ row: "AX", seats: 400 });
    expect(upper.capacity).toBeUndefined();
    const standing = ToNewZone(kTaipeiDomeZones.find((z) => z.kind === "ga")!);
    expect(standing).toMatchObject({ kind: "ga", capacity: 3000 });
    expect(standing.rows).toBeUndefined();
  });
});
