// The zones in words: name, price, seats left; the accessible twin of the map.
import { useTranslation } from "react-i18next";
import type { Availability, Zone } from "../../api/types";
import { FormatMoney } from "../../components/format";

interface Props {
  zones: Zone[];
  availability: Availability | undefined;
  selectedZoneId: string | undefined;
  onSelect: (zoneId: string) => void;
}

export function ZoneList({ zones, availability, selectedZoneId, onSelect }: Props) {
  const { t } = useTranslation();
  return (
    <table className="zone-table">
      <caption className="visually-hidden">{t("event.zones_caption")}</caption>
      <thead>
        <tr><th scope="col">{t("event.zone")}</th><th scope="col">{t("event.price")}</th><th scope="col">{t("event.left")}</th><th /></tr>
      </thead>
      <tbody>
        {zones.map((zone) => {
          const counts = availability?.zones.find((z) => z.zone_id === zone.zone_id);
          return (
            <tr key={zone.zone_id} className={zone.zone_id === selectedZoneId ? "selected" : undefined}>
              <th scope="row">{zone.name} <span className="muted">({zone.zone_id})</span></th>
              <td>{FormatMoney(zone.price, zone.currency)}</td>
              <td data-zone-left={zone.zone_id}>{counts ? (counts.available > 0 ? counts.available.toLocaleString() : t("event.level.sold_out")) : "…"}</td>
              <td>
                <button type="button" className="secondary small" aria-label={t("event.choose_zone_named", { name: zone.name })} onClick={() => onSelect(zone.zone_id)}>
                  {t("event.choose")}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
