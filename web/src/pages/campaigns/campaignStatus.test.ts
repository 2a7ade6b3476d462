import { describe, expect, it } from "vitest";
import { StatusAt } from "./campaignStatus";

const kCampaign = { status: "scheduled" as const, start_time: "2026-12-05T12:00:00Z", end_time: "2026-12-05T12:10:00Z" };
const At = (iso: string) => Date.parse(iso);

describe("StatusAt", () => {
  it("scheduled before the start", () => {
    expect(StatusAt(kCampaign, At("2026-12-05T11:59:59Z"))).toBe("scheduled");
  });

  it("active from the start, though the server said scheduled", () => {
    expect(StatusAt(kCampaign, At("2026-12-05T12:00:00Z"))).toBe("active");
  });

  it("ended at the end (bids are taken in [start, end))", () => {
    expect(StatusAt({ ...kCampaign, status: "active" }, At("2026-12-05T12:10:00Z"))).toBe("ended");
  });

  it("settled only when the server says so", () => {
    expect(StatusAt({ ...kCampaign, status: "settled" }, At("2026-12-05T12:05:00Z"))).toBe("settled");
  });
});

