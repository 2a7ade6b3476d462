// The zones of a new event as an editable table: id, name, kind, price, and rows × seats for a
// seated zone or a capacity for a standing one.
import { useTranslation } from "react-i18next";
import { ZoneCapacity, type ZoneDraft } from "./taipeiDome";

interface Props {
  zones: ZoneDraft[];
  onChange: (zones: ZoneDraft[]) => void;
}

export function ZoneEditor({ zones, onChange }: Props) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<ZoneDraft>) => onChange(zones.map((z, i) => (i === index ? { ...z, ...patch } : z)));
  const total = zones.reduce((sum, zone) => sum + ZoneCapacity(zone), 0);
  return (
    <fieldset className="zone-editor-wrap">
      <legend>{t("admin.zones")}</legend>
      <table className="data-table zone-editor">
        <thead>
          <tr>
            <th>{t("admin.zone_id")}</th><th>{t("admin.zone_name")}</th><th>{t("admin.zone_kind")}</th><th>{t("admin.price")}</th>
            <th>{t("admin.rows")}</th><th>{t("admin.seats_per_row")}</th><th className="number">{t("admin.capacity")}</th><th />
          </tr>
        </thead>
        <tbody>
          {zones.map((zone, index) => (
            <ZoneRow key={index} zone={zone} onChange={(patch) => change(index, patch)} onRemove={() => onChange(zones.filter((_, i) => i !== index))} />
          ))}
        </tbody>
        <tfoot><tr><td colSpan={6}>{t("admin.total")}</td><td className="number">{total.toLocaleString()}</td><td /></tr></tfoot>
      </table>
      <button type="button" className="secondary small" onClick={() => onChange([...zones, NewZone(zones.length)])}>{t("admin.add_zone")}</button>
    </fieldset>
  );
}

function ZoneRow({ zone, onChange, onRemove }: { zone: ZoneDraft; onChange: (patch: Partial<ZoneDraft>) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const number = (value: string) => Number(value) || 0;
  const label = (what: string) => `${zone.zone_id || "?"} ${t(what)}`;
  return (
    <tr>
      <td><input aria-label={label("admin.zone_id")} value={zone.zone_id} required pattern="[A-Za-z0-9_]{1,16}" onChange={(e) => onChange({ zone_id: e.target.value })} /></td>
      <td><input aria-label={label("admin.zone_name")} value={zone.name} required onChange={(e) => onChange({ name: e.target.value })} /></td>
      <td>
        <select aria-label={label("admin.zone_kind")} value={zone.kind} onChange={(e) => onChange({ kind: e.target.value as ZoneDraft["kind"] })}>
          <option value="seated">{t("admin.kind_seated")}</option>
          <option value="ga">{t("admin.kind_ga")}</option>
        </select>
      </td>
      <td><input aria-label={label("admin.price")} type="number" min={0} step="0.01" value={zone.price} onChange={(e) => onChange({ price: number(e.target.value) })} /></td>
      {zone.kind === "seated" ? (
        <>
          <td><input aria-label={label("admin.rows")} type="number" min={1} max={1000} value={zone.row_count} onChange={(e) => onChange({ row_count: number(e.target.value) })} /></td>
          <td><input aria-label={label("admin.seats_per_row")} type="number" min={1} max={2000} value={zone.seats_per_row} onChange={(e) => onChange({ seats_per_row: number(e.target.value) })} /></td>
          <td className="number">{ZoneCapacity(zone).toLocaleString()}</td>
        </>
      ) : (
        <>
          <td colSpan={2} />
          <td><input aria-label={label("admin.capacity")} type="number" min={1} value={zone.capacity} onChange={(e) => onChange({ capacity: number(e.target.value) })} /></td>
        </>
      )}
      <td><button type="button" className="secondary small" onClick={onRemove} aria-label={label("admin.remove_zone")}>×</button></td>
    </tr>
  );
}

function NewZone(index: number): ZoneDraft {
  return { zone_id: `Z${index + 1}`, name: "", kind: "seated", price: 1000, currency: "TWD", row_count: 10, seats_per_row: 20, capacity: 100 };
}
