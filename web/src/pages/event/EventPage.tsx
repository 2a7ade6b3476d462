// An event: the venue map coloured live, prices, the sale countdown, the waiting-room gate, and
// the chosen zone's panel (best available, or seats picked on the row map).
import { queryOptions, useQuery } from "@tanstack/react-query";
import { useParams, useSearchParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { EventsApi } from "../../api/events";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";
import { FormatDateTime } from "../../components/format";
import { AvailabilityQuery, useLiveAvailability } from "../../live/useLiveAvailability";
import { queryClient } from "../../app/queryClient";
import { VenueMap } from "./VenueMap";
import { ZoneList } from "./ZoneList";
import { ZonePanel } from "./ZonePanel";
import { SaleStatus } from "./SaleStatus";
import { AdmissionGate, useAdmission } from "./AdmissionGate";

export function EventQuery(eventId: number) {
  return queryOptions({ queryKey: ["event", eventId], queryFn: () => EventsApi.Get(eventId) });
}

// The route's loader: both reads start as the URL resolves, before React renders the page.
export function PrefetchEvent({ params }: { params: { eventId?: string } }): null {
  const eventId = Number(params.eventId);
  if (Number.isInteger(eventId)) {
    void queryClient.prefetchQuery(EventQuery(eventId));
    void queryClient.prefetchQuery(AvailabilityQuery(eventId));
  }
  return null;
}

export function EventPage() {
  const { t } = useTranslation();
  const eventId = Number(useParams().eventId);
  const [params, setParams] = useSearchParams();
  const event = useQuery(EventQuery(eventId));
  const live = useLiveAvailability(eventId);
  const admission = useAdmission(event.data);
  if (event.isPending) return <Loading />;
  if (event.error) return <ProblemNotice error={event.error} retry={() => void event.refetch()} autoRetry />;

  const selectedZoneId = params.get("zone") ?? undefined;
  const selectZone = (zoneId: string) => {
    setParams((p) => { p.set("zone", zoneId); return p; }, { replace: true });
    // Bring the panel into view on small screens, where it is below the map.
    requestAnimationFrame(() => document.getElementById("zone-panel")?.focus());
  };
  const zone = event.data.zones.find((z) => z.zone_id === selectedZoneId);
  const counts = live.availability?.zones.find((z) => z.zone_id === selectedZoneId);
  return (
    <section className="page event-page">
      <h1>{event.data.name}</h1>
      <p className="muted">{event.data.venue} · {FormatDateTime(event.data.starts_at)}</p>
      <SaleStatus event={event.data} />
      <AdmissionGate event={event.data} admission={admission} />
      {live.error && !live.availability && <ProblemNotice error={live.error} retry={() => void live.refetch()} autoRetry />}
      <div className="grid two">
        <div>
          <VenueMap zones={event.data.zones} availability={live.availability} selectedZoneId={selectedZoneId} onSelect={selectZone} />
          <p className="muted live-state" aria-live="polite">{live.connected ? t("event.live") : t("event.connecting")}</p>
        </div>
        <div>
          {zone ? (
            <ZonePanel key={zone.zone_id} event={event.data} zone={zone} counts={counts} canHold={admission.canHold} />
          ) : (
            <p className="notice">{t("event.choose_zone")}</p>
          )}
          <ZoneList zones={event.data.zones} availability={live.availability} selectedZoneId={selectedZoneId} onSelect={selectZone} />
        </div>
      </div>
    </section>
  );
}
