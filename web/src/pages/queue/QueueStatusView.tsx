// Where the buyer stands: position, people ahead, estimated wait; or how their turn ended.
import { useTranslation } from "react-i18next";
import type { QueueMe } from "../../api/types";
import { FormatDuration } from "../../components/Countdown";

export function QueueStatusView({ me }: { me: QueueMe }) {
  const { t } = useTranslation();
  if (me.status !== "waiting") {
    return <p className="notice" role="status" data-queue-status={me.status}>{t(`queue.status.${me.status}`)}</p>;
  }
  if (me.position === null) {
    return <p className="notice" role="status" data-queue-status="prequeue">{t("queue.prequeue")}</p>;
  }
  return (
    <dl className="card queue-stats" aria-live="polite" data-queue-status="waiting">
      <div><dt>{t("queue.position")}</dt><dd>{me.position.toLocaleString()}</dd></div>
      <div><dt>{t("queue.ahead")}</dt><dd>{(me.ahead ?? 0).toLocaleString()}</dd></div>
      <div>
        <dt>{t("queue.estimated_wait")}</dt>
        <dd>{me.estimated_wait_seconds === null ? t("queue.estimating") : FormatDuration(me.estimated_wait_seconds * 1000)}</dd>
      </div>
    </dl>
  );
}
