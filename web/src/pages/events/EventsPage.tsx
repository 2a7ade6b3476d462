// Events, grouped by series and then by date (the reader's local date of the start).
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { EventsApi } from "../../api/events";
import type { TixEvent } from "../../api/types";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";
import { FormatDate, FormatDateTime, FormatMoney } from "../../components/format";
import { GroupEvents } from "./groupEvents";

export function EventsPage() {
  const { t } = useTranslation();
  const events = useQuery({ queryKey: ["events"], queryFn: EventsApi.List });
  if (events.isPending) return <Loading />;
  if (events.error) return <ProblemNotice error={events.error} retry={() => void events.refetch()} autoRetry />;
  const groups = GroupEvents(events.data, t("events.no_series"));
  return (
    <section className="page">
      <h1>{t("events.title")}</h1>
      {groups.length === 0 && <p>{t("events.none")}</p>}
      {groups.map((series, i) => (
        <section key={series.name} aria-labelledby={`series-${i}`}>
          <h2 id={`series-${i}`}>{series.name}</h2>
          {series.days.map((day) => (
            <section key={day.key}>
              <h3 className="muted">{FormatDate(day.events[0].starts_at)}</h3>
              <ul className="event-list">
                {day.events.map((event) => <EventCard key={event.event_id} event={event} />)}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </section>
  );
}

function EventCard({ event }: { event: TixEvent }) {
  const { t } = useTranslation();
  const prices = event.zones.map((z) => z.price);
  const currency = event.zones[0]?.currency ?? "TWD";
  const onSale = Date.parse(event.sale_starts_at) <= Date.now();
  return (
    <li className="card event-card">
      <h4><Link to={`/events/${event.event_id}`}>{event.name}</Link></h4>
      <p className="muted">{event.venue} · {FormatDateTime(event.starts_at)}</p>
      {prices.length > 0 && (
        <p>{t("events.price_range", { low: FormatMoney(Math.min(...prices), currency), high: FormatMoney(Math.max(...prices), currency) })}</p>
      )}
      <p>{onSale ? t("events.on_sale") : t("events.sale_starts", { time: FormatDateTime(event.sale_starts_at) })}</p>
    </li>
  );
}
