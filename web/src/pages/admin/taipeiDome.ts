// The Taipei Dome as tixd's demo sells it (src/app/demo.cpp): five seated zones and a standing
// area, TWD prices. The organizer's event form starts from it; every field stays editable.
import type { NewZone } from "../../api/adminTypes";

export interface ZoneDraft {
  zone_id: string;
  name: string;
  kind: "seated" | "ga";
  price: number;
  currency: string;
  // Seated zones: rows labelled A..Z, AA.. (stadium style), each `seats_per_row` wide.
  row_count: number;
  seats_per_row: number;
  // Standing zones.
  capacity: number;
}

function Seated(zone_id: string, name: string, price: number, row_count: number, seats_per_row: number): ZoneDraft {
  return { zone_id, name, kind: "seated", price, currency: "TWD", row_count, seats_per_row, capacity: 0 };
}

export const kTaipeiDomeVenue = "Taipei Dome";
export const kTaipeiDomeZones: readonly ZoneDraft[] = [
  Seated("INF1", "Infield, first-base side", 4200, 25, 200),
  Seated("INF3", "Infield, third-base side", 4200, 25, 200),
  Seated("OUTL", "Outfield, left", 2400, 30, 200),
  Seated("OUTR", "Outfield, right", 2400, 30, 200),
  Seated("UPR", "Upper level", 1200, 50, 400),
  { zone_id: "STAND", name: "Standing room (general admission)", kind: "ga", price: 800, currency: "TWD", row_count: 0, seats_per_row: 0, capacity: 3000 },
];

// "A".."Z", then "AA".."AZ", "BA"...: the labels printed on stadium tickets (as demo.cpp).
export function RowLabel(index: number): string {
  let label = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
}

export function ZoneCapacity(zone: ZoneDraft): number {
  return zone.kind === "seated" ? zone.row_count * zone.seats_per_row : zone.capacity;
}

export function ToNewZone(zone: ZoneDraft): NewZone {
  const common = { zone_id: zone.zone_id, name: zone.name, price: zone.price, currency: zone.currency, kind: zone.kind };
  if (zone.kind === "ga") return { ...common, capacity: zone.capacity };
  return { ...common, rows: Array.from({ length: zone.row_count }, (_, i) => ({ row: RowLabel(i), seats: zone.seats_per_row })) };
}
