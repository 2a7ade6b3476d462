// Seats picked by hand on the row map: the zone overview, a row list, the row's seats, and
// the hold. Seats taken by others while choosing are dropped from the choice, with a message.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { IsApiError } from "../../api/ApiError";
import type { TixEvent, Zone } from "../../api/types";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";
import { RowOverview } from "./RowOverview";
import { SeatStrip } from "./SeatStrip";
import { useHold } from "./useHold";
import { useSeatStates } from "./useSeatStates";

export function SeatPicker({ event, zone, disabled }: { event: TixEvent; zone: Zone; disabled: boolean }) {
  const { t } = useTranslation();
  const seats = useSeatStates(event.event_id, zone.zone_id);
  const hold = useHold();
  const [row, setRow] = useState<string>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [note, setNote] = useState<string>();
  const rows = seats.rows;
  const shownRow = row ?? rows.find((r) => r.states.includes("A"))?.row ?? rows[0]?.row;

  // Someone else took a seat we had chosen: drop it and say so.
  useEffect(() => {
    const lost = [...chosen].filter((seatId) => StateOf(rows, zone.zone_id, seatId) !== "A");
    if (lost.length === 0) return;
    setChosen((c) => new Set([...c].filter((s) => !lost.includes(s))));
    setNote(t("seats.taken_meanwhile", { seats: lost.join(", ") }));
  }, [rows, chosen, zone.zone_id, t]);
  const refetchSeats = seats.refetch;
  useEffect(() => {
    if (IsApiError(hold.error, "seat_taken")) void refetchSeats();
  }, [hold.error, refetchSeats]);

  if (seats.isPending) return <Loading />;
  if (seats.error) return <ProblemNotice error={seats.error} retry={() => void seats.refetch()} autoRetry />;

  const toggle = (seatId: string) => {
    setNote(undefined);
    const next = new Set(chosen);
    if (next.has(seatId)) next.delete(seatId);
    else if (next.size >= event.max_per_user) return setNote(t("seats.over_limit", { count: event.max_per_user }));
    else next.add(seatId);
    setChosen(next);
  };
  const current = rows.find((r) => r.row === shownRow);
  return (
    <div className="seat-picker">
      <RowOverview rows={rows} selectedRow={shownRow} onSelect={setRow} />
      {/* A label beside, not around, the select: its name stays "Row", not "Row" plus the option text. */}
      <label htmlFor={`row-${zone.zone_id}`}><span>{t("seats.row")}</span></label>
      <select id={`row-${zone.zone_id}`} value={shownRow} onChange={(e) => setRow(e.target.value)}>
          {rows.map((r) => (
            <option key={r.row} value={r.row}>{t("seats.row_option", { row: r.row, count: CountAvailable(r.states) })}</option>
          ))}
      </select>
      <p className="muted">{t("seats.stage_side")}</p>
      {current && <SeatStrip zoneId={zone.zone_id} row={current.row} states={current.states} chosen={chosen} onToggle={toggle} />}
      <SeatLegend />
      <p aria-live="polite" className="chosen-seats">
        {chosen.size ? t("seats.chosen", { seats: [...chosen].join(", ") }) : t("seats.none_chosen")}
      </p>
      {note && <p className="notice busy" role="status">{note}</p>}
      {hold.error && <ProblemNotice error={hold.error} />}
      <button type="button" disabled={disabled || chosen.size === 0 || hold.isPending}
        onClick={() => hold.hold({ event_id: event.event_id, seats: [...chosen] })}>
        {hold.isPending ? t("event.holding") : t("seats.hold", { count: chosen.size })}
      </button>
    </div>
  );
}

function SeatLegend() {
  const { t } = useTranslation();
  return (
    <p className="seat-legend">
      {(["available", "held", "sold", "chosen"] as const).map((state) => (
        <span key={state}><span className={`seat-swatch ${state}`} aria-hidden="true" />{t(`seats.state.${state}`)}</span>
      ))}
    </p>
  );
}

function StateOf(rows: { row: string; states: string }[], zoneId: string, seatId: string): string | undefined {
  const [row, number] = seatId.slice(zoneId.length + 1).split("-");
  return rows.find((r) => r.row === row)?.states[Number(number) - 1];
}

function CountAvailable(states: string): number {
  let n = 0;
  for (const c of states) if (c === "A") n++;
  return n;
}
