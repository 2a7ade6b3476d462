// One event's live dashboard: sales (holds/s, sold per zone), the waiting room (figures and
// controls), and check-ins per gate.
import { useParams } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EventsApi } from "../../api/events";
import { FormatDateTime } from "../../components/format";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";
import { SalesPanel } from "./SalesPanel";
import { QueuePanel } from "./QueuePanel";
import { CheckinPanel } from "./CheckinPanel";

export function EventDashboardPage() {
  const { t } = useTranslation();
  const eventId = Number(useParams().eventId);
  const event = useQuery({ queryKey: ["event", eventId], queryFn: () => EventsApi.Get(eventId) });
  if (event.isPending) return <Loading />;
  if (event.isError) return <ProblemNotice error={event.error} retry={() => void event.refetch()} autoRetry />;
  return (
    <>
      <h1>{event.data.name}</h1>
      <p className="muted">{event.data.venue} · {FormatDateTime(event.data.starts_at)} · {t("admin.sale_starts_at")}: {FormatDateTime(event.data.sale_starts_at)}</p>
      <div className="dashboard">
        <SalesPanel event={event.data} />
        <QueuePanel eventId={eventId} />
        <CheckinPanel eventId={eventId} />
      </div>
    </>
  );
}
