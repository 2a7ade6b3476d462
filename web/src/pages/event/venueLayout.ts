// Where each zone is drawn on the venue map. The API has no geometry, so the map is a Taipei
// Dome–like oval: the field in the middle (general-admission zones stand on it), seated zones as
// ring sectors around it. Pricier zones sit in inner rings and nearest the bottom (home plate /
// the stage end); each ring takes at most four zones, so sectors stay wide enough to tap.
import type { Zone } from "../../api/types";

export const kViewBox = { width: 400, height: 360 };
const kCenter = { x: 200, y: 180 };
const kSquash = 0.85; // the oval's height to width
const kRingsInner = 88;
const kRingsOuter = 192;
const kRingGap = 5;
const kSectorGapDegrees = 1.5;
const kZonesPerRingMax = 4;

export interface ZoneShape {
  zoneId: string;
  path: string;
  label: { x: number; y: number };
}

export interface VenueLayoutResult {
  field: { cx: number; cy: number; rx: number; ry: number };
  shapes: ZoneShape[];
}

export function VenueLayout(zones: Zone[]): VenueLayoutResult {
  const field = { cx: kCenter.x, cy: kCenter.y, rx: kRingsInner - 12, ry: (kRingsInner - 12) * kSquash };
  const standing = zones.filter((z) => z.kind === "ga");
  const rings = RingsOf(zones.filter((z) => z.kind !== "ga"));
  const thickness = rings.length ? (kRingsOuter - kRingsInner) / rings.length : 0;
  const shapes: ZoneShape[] = [];
  rings.forEach((ring, r) => {
    const inner = kRingsInner + r * thickness;
    const outer = inner + thickness - kRingGap;
    SectorOrder(ring.length).forEach((sector, i) => {
      const width = 360 / ring.length;
      // Sector 0 starts at the bottom (90° in SVG's clockwise angles).
      // A ring of one zone has no neighbours to leave a gap for.
      const gap = ring.length === 1 ? 0 : kSectorGapDegrees / 2;
      const from = 90 + sector * width + gap;
      const to = 90 + (sector + 1) * width - gap;
      shapes.push({
        zoneId: ring[i].zone_id,
        path: SectorPath(inner, outer, from, to),
        label: Point((inner + outer) / 2, (from + to) / 2),
      });
    });
  });
  standing.forEach((zone, i) => shapes.push(StandingShape(zone, i, standing.length, field)));
  return { field, shapes };
}

// Price tiers from the top, packed into rings of at most kZonesPerRingMax zones.
function RingsOf(seated: Zone[]): Zone[][] {
  const sorted = [...seated].sort((a, b) => b.price_minor - a.price_minor || a.zone_id.localeCompare(b.zone_id));
  const rings: Zone[][] = [];
  let ring: Zone[] = [];
  for (const zone of sorted) {
    if (ring.length === kZonesPerRingMax) {
      rings.push(ring);
      ring = [];
    }
    ring.push(zone);
  }
  if (ring.length) rings.push(ring);
  return rings;
}

// The i-th zone of a ring (pricier first) goes to the sector nearest the bottom still free:
// 0, n-1, 1, n-2, ... (the two sides of home plate alternate).
function SectorOrder(n: number): number[] {
  const order: number[] = [];
  for (let low = 0, high = n - 1; low <= high; low++, high--) {
    order.push(low);
    if (high !== low) order.push(high);
  }
  return order;
}

function Point(radius: number, degrees: number) {
  const a = (degrees * Math.PI) / 180;
  return { x: Round(kCenter.x + radius * Math.cos(a)), y: Round(kCenter.y + radius * kSquash * Math.sin(a)) };
}

function SectorPath(inner: number, outer: number, from: number, to: number): string {
  const large = to - from > 180 ? 1 : 0;
  if (to - from >= 359) {
    // A whole ring: two half arcs each way (one arc cannot start and end at the same point).
    const [o1, o2, i1, i2] = [Point(outer, 0), Point(outer, 180), Point(inner, 0), Point(inner, 180)];
    return `M${o1.x},${o1.y}A${outer},${Round(outer * kSquash)} 0 1 1 ${o2.x},${o2.y}A${outer},${Round(outer * kSquash)} 0 1 1 ${o1.x},${o1.y}Z` +
      `M${i1.x},${i1.y}A${inner},${Round(inner * kSquash)} 0 1 0 ${i2.x},${i2.y}A${inner},${Round(inner * kSquash)} 0 1 0 ${i1.x},${i1.y}Z`;
  }
  const [a, b, c, d] = [Point(outer, from), Point(outer, to), Point(inner, to), Point(inner, from)];
  return `M${a.x},${a.y}A${outer},${Round(outer * kSquash)} 0 ${large} 1 ${b.x},${b.y}` +
    `L${c.x},${c.y}A${inner},${Round(inner * kSquash)} 0 ${large} 0 ${d.x},${d.y}Z`;
}

// Standing zones share the lower half of the field side by side, in front of the stage.
function StandingShape(zone: Zone, index: number, count: number, field: VenueLayoutResult["field"]): ZoneShape {
  const left = field.cx - field.rx * 0.6;
  const width = (field.rx * 1.2) / count;
  const top = field.cy + 4;
  const height = field.ry * 0.55;
  const x = left + index * width;
  return {
    zoneId: zone.zone_id,
    path: `M${Round(x + 1)},${Round(top)}h${Round(width - 2)}v${Round(height)}h${Round(-(width - 2))}Z`,
    label: { x: Round(x + width / 2), y: Round(top + height / 2) },
  };
}

function Round(n: number): number {
  return Math.round(n * 10) / 10;
}
