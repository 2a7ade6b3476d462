// Series → days → events, each level in start order.
import type { TixEvent } from "../../api/types";

export interface DayGroup {
  key: string;
  events: TixEvent[];
}
export interface SeriesGroup {
  name: string;
  days: DayGroup[];
}

export function GroupEvents(events: TixEvent[], noSeriesName: string): SeriesGroup[] {
  const sorted = [...events].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
  const bySeries = new Map<string, Map<string, TixEvent[]>>();
  for (const event of sorted) {
    const series = event.series || noSeriesName;
    const day = LocalDayKey(event.starts_at);
    const days = bySeries.get(series) ?? new Map<string, TixEvent[]>();
    days.set(day, [...(days.get(day) ?? []), event]);
    bySeries.set(series, days);
  }
  return [...bySeries].map(([name, days]) => ({
    name,
    days: [...days].map(([key, list]) => ({ key, events: list })),
  }));
}

function LocalDayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}
