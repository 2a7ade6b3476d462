// Live sales: the availability socket's counts (sold, held, left per zone) and holds per second
// derived from successive counts (no endpoint gives the rate).
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TixEvent } from "../../api/types";
import { useLiveAvailability } from "../../live/useLiveAvailability";
import { HoldsPerSecond, type CountsAt } from "./salesRate";

// The rate is taken over this window, so one burst does not flicker the figure.
const kRateWindowMs = 5_000;

export function SalesPanel({ event }: { event: TixEvent }) {
  const { t } = useTranslation();
  const { availability, connected } = useLiveAvailability(event.event_id);
  const holdsPerSecond = useHoldRate(availability?.zones);
  const zones = availability?.zones ?? [];
  const sold = zones.reduce((sum, zone) => sum + zone.sold, 0);
  const names = new Map(event.zones.map((zone) => [zone.zone_id, zone.name]));
  return (
    <section className="card" aria-labelledby="sales-title">
      <h2 id="sales-title">{t("admin.sales_title")}</h2>
      <p className="muted" role="status">{connected ? t("event.live") : t("event.connecting")}</p>
      <dl className="figures">
        <div><dt>{t("admin.holds_per_second")}</dt><dd data-testid="holds-per-second">{holdsPerSecond.toFixed(1)}</dd></div>
        <div><dt>{t("admin.sold_total")}</dt><dd>{sold.toLocaleString()}</dd></div>
      </dl>
      <table className="data-table">
        <thead><tr><th>{t("admin.zone_name")}</th><th className="number">{t("admin.sold")}</th><th className="number">{t("admin.held")}</th><th className="number">{t("admin.left")}</th></tr></thead>
        <tbody>
          {zones.map((zone) => (
            <tr key={zone.zone_id}>
              <td>{names.get(zone.zone_id) ?? zone.zone_id}</td>
              <td className="number">{zone.sold.toLocaleString()}</td>
              <td className="number">{zone.held.toLocaleString()}</td>
              <td className="number">{zone.available.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// Keeps the counts seen over the last window and the rate between its ends; recomputed each
// second as well, so the figure falls back to 0 when the frames stop (nothing changing).
function useHoldRate(zones: CountsAt["zones"] | undefined): number {
  const history = useRef<CountsAt[]>([]);
  const [rate, setRate] = useState(0);
  useEffect(() => {
    if (zones) history.current.push({ atMs: Date.now(), zones });
  }, [zones]);
  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      const kept = history.current.filter((c) => now - c.atMs <= kRateWindowMs);
      // Keep the newest older one as the baseline: the counts as they stood a window ago.
      const baseline = history.current.filter((c) => now - c.atMs > kRateWindowMs).pop();
      history.current = baseline ? [baseline, ...kept] : kept;
      const latest = history.current[history.current.length - 1];
      if (!latest || history.current.length < 2) return setRate(0);
      setRate(HoldsPerSecond({ ...history.current[0], atMs: Math.max(history.current[0].atMs, now - kRateWindowMs) }, { ...latest, atMs: now }));
    }, 1000);
    return () => clearInterval(timer);
  }, []);
  return rate;
}
