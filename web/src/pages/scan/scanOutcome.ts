// What a gate shows after a scan, from the check-in answer (docs/api.md, POST .../checkin):
// one of a few outcomes, each with its colour on the page.
import { ApiError } from "../../api/ApiError";
import type { CheckinAdmitted } from "../../api/adminTypes";

export type ScanOutcome =
  | { kind: "admitted"; ticket: CheckinAdmitted }
  | { kind: "used"; firstScanAt: string; firstGate: string }
  | { kind: "revoked" }
  | { kind: "invalid"; reason: "invalid_ticket" | "wrong_event" | "code_expired" }
  | { kind: "failed"; error: unknown }; // not an answer about the ticket: retry the scan

export function OutcomeOfAdmission(ticket: CheckinAdmitted): ScanOutcome {
  return { kind: "admitted", ticket };
}

export function OutcomeOfRefusal(error: unknown): ScanOutcome {
  if (!(error instanceof ApiError)) return { kind: "failed", error };
  switch (error.code) {
    case "already_checked_in": {
      // The first scan comes as first_scan, and also as top-level scanned_at and gate.
      const body = error.body ?? {};
      const first = (body.first_scan ?? body) as { scanned_at?: string; gate?: string };
      return { kind: "used", firstScanAt: first.scanned_at ?? "", firstGate: first.gate ?? "" };
    }
    case "ticket_revoked":
      return { kind: "revoked" };
    case "invalid_ticket":
    case "wrong_event":
    case "code_expired":
      return { kind: "invalid", reason: error.code };
    default:
      return { kind: "failed", error };
  }
}
