// The organizer's start page: every event, each linking to its live dashboard.
import { Link } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EventsApi } from "../../api/events";
import { FormatDateTime } from "../../components/format";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";

export function AdminEventsPage() {
  const { t } = useTranslation();
  const events = useQuery({ queryKey: ["events"], queryFn: EventsApi.List });
  if (events.isPending) return <Loading />;
  if (events.isError) return <ProblemNotice error={events.error} retry={() => void events.refetch()} autoRetry />;
  return (
    <>
      <h1>{t("admin.events_title")}</h1>
      <p><Link className="button" to="/admin/events/new">{t("admin.new_event")}</Link></p>
      {events.data.length === 0 ? <p>{t("events.none")}</p> : (
        <table className="data-table">
          <thead><tr><th>{t("admin.event_name")}</th><th>{t("admin.starts_at")}</th><th>{t("admin.sale_starts_at")}</th></tr></thead>
          <tbody>
            {events.data.map((event) => (
              <tr key={event.event_id}>
                <td><Link to={`/admin/events/${event.event_id}`}>{event.name}</Link></td>
                <td>{FormatDateTime(event.starts_at)}</td>
                <td>{FormatDateTime(event.sale_starts_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
