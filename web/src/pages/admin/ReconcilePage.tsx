// The payment reconciliation report: runs it on demand (POST /admin/reconcile) and lists what
// differed between the provider and tix, with what was done about each.
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AdminApi } from "../../api/admin";
import type { ReconcileReport } from "../../api/adminTypes";
import { FormatDateTime } from "../../components/format";
import { ProblemNotice } from "../../components/ProblemNotice";

export function ReconcilePage() {
  const { t } = useTranslation();
  const run = useMutation({ mutationFn: AdminApi.Reconcile });
  return (
    <>
      <h1>{t("admin.reconcile_title")}</h1>
      <p className="muted">{t("admin.reconcile_note")}</p>
      <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>{t("admin.run_reconcile")}</button>
      {run.error && <ProblemNotice error={run.error} />}
      {run.data && <Report report={run.data} />}
    </>
  );
}

function Report({ report }: { report: ReconcileReport }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-label={t("admin.reconcile_title")}>
      <p>{FormatDateTime(report.started_at)} – {FormatDateTime(report.finished_at)}</p>
      {report.error && <p className="notice error" role="alert">{report.error}</p>}
      <dl className="figures">
        <div><dt>{t("admin.orders_checked")}</dt><dd>{report.orders_checked}</dd></div>
        <div><dt>{t("admin.provider_intents")}</dt><dd>{report.provider_intents}</dd></div>
        <div><dt>{t("admin.provider_events")}</dt><dd>{report.provider_events}</dd></div>
        <div><dt>{t("admin.mismatches")}</dt><dd data-testid="mismatch-count">{report.mismatches.length}</dd></div>
      </dl>
      {report.mismatches.length === 0 ? <p className="notice ok">{t("admin.no_mismatches")}</p> : (
        <table className="data-table">
          <thead><tr><th>{t("admin.kind")}</th><th>{t("admin.order")}</th><th>{t("admin.payment")}</th><th>{t("admin.detail")}</th><th>{t("admin.action")}</th></tr></thead>
          <tbody>
            {report.mismatches.map((m, i) => (
              <tr key={i}><td>{m.kind}</td><td>{m.order_id ?? "–"}</td><td>{m.payment_id ?? "–"}</td><td>{m.detail}</td><td>{m.action}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
