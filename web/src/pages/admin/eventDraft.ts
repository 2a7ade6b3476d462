// The new-event form's state, prefilled from the Taipei Dome template, and the request it makes.
import type { NewEvent } from "../../api/adminTypes";
import { FromLocalInput, ToLocalInput } from "./dateInput";
import { kTaipeiDomeVenue, kTaipeiDomeZones, ToNewZone, type ZoneDraft } from "./taipeiDome";

const kDayMs = 86_400_000;
const kHourMs = 3_600_000;

export interface EventDraft {
  name: string;
  series: string;
  venue: string;
  starts_at: string; // datetime-local values
  sale_starts_at: string;
  max_per_user: number;
  hold_seconds: number;
  with_queue: boolean;
  queue_opens_at: string;
  admit_per_minute: number;
  active_max: number;
  pow_bits: number;
  zones: ZoneDraft[];
}

// A game two weeks out, its sale in an hour, a waiting room open half an hour before the sale
// (the demo's pace: two admissions a second).
export function TaipeiDomeDraft(nowMs: number): EventDraft {
  const saleMs = Math.ceil((nowMs + kHourMs) / kHourMs) * kHourMs;
  return {
    name: "", series: "", venue: kTaipeiDomeVenue,
    starts_at: ToLocalInput(Math.ceil((nowMs + 14 * kDayMs) / kDayMs) * kDayMs + 11 * kHourMs + 5 * 60_000),
    sale_starts_at: ToLocalInput(saleMs),
    max_per_user: 8, hold_seconds: 600,
    with_queue: true, queue_opens_at: ToLocalInput(saleMs - kHourMs / 2),
    admit_per_minute: 120, active_max: 500, pow_bits: 20,
    zones: kTaipeiDomeZones.map((zone) => ({ ...zone })),
  };
}

export function NewEventOf(draft: EventDraft): NewEvent {
  return {
    name: draft.name.trim(),
    ...(draft.series.trim() ? { series: draft.series.trim() } : {}),
    venue: draft.venue.trim(),
    starts_at: FromLocalInput(draft.starts_at),
    sale_starts_at: FromLocalInput(draft.sale_starts_at),
    max_per_user: draft.max_per_user,
    hold_seconds: draft.hold_seconds,
    zones: draft.zones.map(ToNewZone),
    ...(draft.with_queue
      ? { queue: { opens_at: FromLocalInput(draft.queue_opens_at), admit_per_minute: draft.admit_per_minute, active_max: draft.active_max, pow_bits: draft.pow_bits } }
      : {}),
  };
}
