// The gate staff's page under /scan (scanner or admin role; the API refuses others anyway).
// Lazy-loaded, and the camera's QR decoder is loaded only when the camera starts.
import "./messages";
import "./scan.css";
import { useTranslation } from "react-i18next";
import { RequireSession } from "../../components/RequireSession";
import { useSession } from "../../auth/SessionProvider";
import { ScanPage } from "./ScanPage";

export function ScanSection() {
  return (
    <RequireSession>
      <GateStaffOnly />
    </RequireSession>
  );
}

function GateStaffOnly() {
  const { t } = useTranslation();
  const state = useSession();
  if (state?.role !== "scanner" && state?.role !== "admin") {
    return <section className="page"><h1>{t("nav.scan")}</h1><p className="notice error">{t("problems.forbidden")}</p></section>;
  }
  return <ScanPage />;
}
