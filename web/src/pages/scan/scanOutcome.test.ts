import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/ApiError";
import { OutcomeOfRefusal } from "./scanOutcome";

function Refusal(status: number, code: string, body: Record<string, unknown> = {}): ApiError {
  return new ApiError({ status, code, body: { code, ...body } });
}

describe("OutcomeOfRefusal", () => {
  it("a used ticket shows its first scan", () => {
    const error = Refusal(409, "already_checked_in", { first_scan: { scanned_at: "2026-12-05T10:00:00Z", gate: "north-1", online: true } });
    expect(OutcomeOfRefusal(error)).toEqual({ kind: "used", firstScanAt: "2026-12-05T10:00:00Z", firstGate: "north-1" });
  });

  it("reads the first scan from the top level when first_scan is missing", () => {
    const error = Refusal(409, "already_checked_in", { scanned_at: "2026-12-05T10:00:00Z", gate: "B" });
    expect(OutcomeOfRefusal(error)).toMatchObject({ kind: "used", firstGate: "B" });
  });

  it("revoked, invalid and another event's ticket", () => {
    expect(OutcomeOfRefusal(Refusal(410, "ticket_revoked"))).toEqual({ kind: "revoked" });
    expect(OutcomeOfRefusal(Refusal(400, "invalid_ticket"))).toEqual({ kind: "invalid", reason: "invalid_ticket" });
    expect(OutcomeOfRefusal(Refusal(403, "wrong_event"))).toEqual({ kind: "invalid", reason: "wrong_event" });
  });

  it("a busy server or a lost connection is not a verdict on the ticket", () => {
    expect(OutcomeOfRefusal(Refusal(503, "overloaded")).kind).toBe("failed");
    expect(OutcomeOfRefusal(new Error("boom")).kind).toBe("failed");
  });
});
