// A scan's verdict in large type on its colour: admitted (green), already used with the first
// scan's time and gate (amber), invalid (red), revoked (purple). Readable at arm's length.
import { useTranslation } from "react-i18next";
import i18n from "../../i18n/i18n";
import { ProblemNotice } from "../../components/ProblemNotice";
import type { ScanOutcome } from "./scanOutcome";

export function ScanResultView({ outcome }: { outcome: ScanOutcome }) {
  const { t } = useTranslation();
  switch (outcome.kind) {
    case "admitted": {
      const ticket = outcome.ticket;
      return (
        <div className="scan-result admitted" data-result="admitted">
          <p className="verdict">{t("scan.admitted")}</p>
          <p className="detail">{ticket.seat ?? t("scan.zone", { zone: ticket.zone_id })}{ticket.holder_name ? ` · ${ticket.holder_name}` : ""}</p>
          <p className="detail">{t("scan.scanned_at", { time: ScanTime(ticket.scanned_at), gate: ticket.gate })}</p>
        </div>
      );
    }
    case "used":
      return (
        <div className="scan-result used" data-result="used">
          <p className="verdict">{t("scan.used")}</p>
          <p className="detail">{t("scan.first_scan", { time: ScanTime(outcome.firstScanAt), gate: outcome.firstGate })}</p>
        </div>
      );
    case "revoked":
      return (
        <div className="scan-result revoked" data-result="revoked">
          <p className="verdict">{t("scan.revoked")}</p>
          <p className="detail">{t("scan.revoked_detail")}</p>
        </div>
      );
    case "invalid":
      return (
        <div className="scan-result invalid" data-result="invalid">
          <p className="verdict">{t("scan.invalid")}</p>
          <p className="detail">{t(`scan.reason_${outcome.reason}`)}</p>
        </div>
      );
    case "failed":
      return <ProblemNotice error={outcome.error} />;
  }
}

// Seconds matter at a gate (two scans a moment apart): time of day with seconds.
function ScanTime(iso: string): string {
  if (!iso) return "?";
  return new Date(iso).toLocaleTimeString(i18n.language, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
