// The venue drawn as an SVG map, each zone coloured by its live availability. Zones are
// buttons (keyboard: Tab to one, Enter or Space to choose it); the zone list beside the map says
// the same in words for screen readers and small screens.
import { useLayoutEffect, useMemo, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Availability, Zone } from "../../api/types";
import { VenueLayout, kViewBox } from "./venueLayout";
import { AvailabilityLevelOf, kLevelColour } from "./availabilityColour";

interface Props {
  zones: Zone[];
  availability: Availability | undefined;
  selectedZoneId: string | undefined;
  onSelect: (zoneId: string) => void;
}

// A performance mark the e2e test reads: the map is drawn with live counts and takes input.
export const kMapInteractiveMark = "venue-map-interactive";

export function VenueMap({ zones, availability, selectedZoneId, onSelect }: Props) {
  const { t } = useTranslation();
  const layout = useMemo(() => VenueLayout(zones), [zones]);
  const ready = availability !== undefined;
  // At commit, when the zones' handlers are attached: the map takes input from then on.
  useLayoutEffect(() => {
    if (ready && performance.getEntriesByName(kMapInteractiveMark).length === 0) performance.mark(kMapInteractiveMark);
  }, [ready]);
  const countsOf = (zoneId: string) => availability?.zones.find((z) => z.zone_id === zoneId);
  const keyChoose = (zoneId: string) => (e: KeyboardEvent) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    e.preventDefault();
    onSelect(zoneId);
  };
  return (
    <figure className="venue-map">
      <svg viewBox={`0 0 ${kViewBox.width} ${kViewBox.height}`} role="group" aria-label={t("event.map_label")} data-ready={ready}>
        <ellipse {...layout.field} className="field" />
        <text x={layout.field.cx} y={layout.field.cy - layout.field.ry * 0.45} className="field-label">
          {t("event.field")}
        </text>
        {layout.shapes.map((shape) => {
          const zone = zones.find((z) => z.zone_id === shape.zoneId)!;
          const counts = countsOf(shape.zoneId);
          const level = counts ? AvailabilityLevelOf(counts.available, counts.capacity) : undefined;
          const selected = shape.zoneId === selectedZoneId;
          const label = counts
            ? t("event.zone_aria", { name: zone.name, count: counts.available, level: t(`event.level.${level}`) })
            : zone.name;
          return (
            <g
              key={shape.zoneId}
              role="button"
              tabIndex={0}
              aria-pressed={selected}
              aria-label={label}
              data-zone-id={shape.zoneId}
              data-level={level}
              className={`zone ${selected ? "selected" : ""}`}
              onClick={() => onSelect(shape.zoneId)}
              onKeyDown={keyChoose(shape.zoneId)}
            >
              <path d={shape.path} fill={level ? kLevelColour[level] : "#c9d2db"} />
              <text x={shape.label.x} y={shape.label.y} className="zone-label" aria-hidden="true">{shape.zoneId}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {(["plenty", "some", "few", "sold_out"] as const).map((level) => (
          <span key={level}><span className="swatch" style={{ background: kLevelColour[level] }} aria-hidden="true" />{t(`event.level.${level}`)}</span>
        ))}
      </figcaption>
    </figure>
  );
}
