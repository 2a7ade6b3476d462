// Check-ins at the gates: admitted and double-entry attempts per gate (GET .../checkin), polled.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AdminApi } from "../../api/admin";
import { ProblemNotice } from "../../components/ProblemNotice";

const kCheckinRefreshMs = 5_000;

export function CheckinPanel({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const figures = useQuery({ queryKey: ["checkins", eventId], queryFn: () => AdminApi.Checkins(eventId), refetchInterval: kCheckinRefreshMs });
  return (
    <section className="card" aria-labelledby="checkin-title">
      <h2 id="checkin-title">{t("admin.checkin_title")}</h2>
      {figures.isError && <ProblemNotice error={figures.error} retry={() => void figures.refetch()} />}
      {figures.data && (
        <>
          <dl className="figures">
            <div><dt>{t("admin.issued")}</dt><dd>{figures.data.issued.toLocaleString()}</dd></div>
            <div><dt>{t("admin.admitted")}</dt><dd>{figures.data.admitted.toLocaleString()}</dd></div>
            <div><dt>{t("admin.double_entries")}</dt><dd>{figures.data.double_entry_attempts.toLocaleString()}</dd></div>
            <div><dt>{t("admin.revoked")}</dt><dd>{figures.data.revoked.toLocaleString()}</dd></div>
          </dl>
          {figures.data.gates.length === 0 ? <p className="muted">{t("admin.no_scans")}</p> : (
            <table className="data-table">
              <thead><tr><th>{t("admin.gate")}</th><th className="number">{t("admin.admitted")}</th><th className="number">{t("admin.double_entries")}</th></tr></thead>
              <tbody>
                {figures.data.gates.map((gate) => (
                  <tr key={gate.gate}><td>{gate.gate}</td><td className="number">{gate.admitted}</td><td className="number">{gate.double_entries}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
