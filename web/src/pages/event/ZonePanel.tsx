// The chosen zone: its price and seats left, and two ways to buy: the best available seats for
// a quantity, or (seated zones) seats picked on the row map.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { IsApiError } from "../../api/ApiError";
import type { TixEvent, Zone, ZoneCounts } from "../../api/types";
import { FormatMoney } from "../../components/format";
import { ProblemNotice } from "../../components/ProblemNotice";
import { SeatPicker } from "./SeatPicker";
import { useHold } from "./useHold";

interface Props {
  event: TixEvent;
  zone: Zone;
  counts: ZoneCounts | undefined;
  canHold: boolean;
}

export function ZonePanel({ event, zone, counts, canHold }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"best" | "pick">("best");
  const soldOut = counts !== undefined && counts.available === 0;
  return (
    <section id="zone-panel" className="card zone-panel" tabIndex={-1} aria-labelledby="zone-panel-title">
      <h2 id="zone-panel-title">{zone.name}</h2>
      <p>
        <strong>{FormatMoney(zone.price, zone.currency)}</strong>{" "}
        <span className="muted">{t("event.per_ticket")}</span> ·{" "}
        <span aria-live="polite">{counts ? t("event.left_count", { count: counts.available, n: counts.available.toLocaleString() }) : "…"}</span>
      </p>
      {soldOut && <p className="notice error" role="status">{t("problems.sold_out")}</p>}
      {zone.kind === "seated" && (
        <div className="segmented" role="group" aria-label={t("event.how_to_choose")}>
          <button type="button" aria-pressed={mode === "best"} className={mode === "best" ? "" : "secondary"} onClick={() => setMode("best")}>
            {t("event.best_available")}
          </button>
          <button type="button" aria-pressed={mode === "pick"} className={mode === "pick" ? "" : "secondary"} onClick={() => setMode("pick")}>
            {t("event.pick_seats")}
          </button>
        </div>
      )}
      {!canHold && <p className="muted">{t("event.hold_needs_admission")}</p>}
      {mode === "best" || zone.kind === "ga" ? (
        <BestAvailable event={event} zone={zone} available={counts?.available} disabled={!canHold || soldOut} />
      ) : (
        <SeatPicker event={event} zone={zone} disabled={!canHold} />
      )}
    </section>
  );
}

function BestAvailable({ event, zone, available, disabled }: { event: TixEvent; zone: Zone; available?: number; disabled: boolean }) {
  const { t } = useTranslation();
  const [quantity, setQuantity] = useState(2);
  const hold = useHold();
  const most = Math.max(1, Math.min(event.max_per_user, available ?? event.max_per_user));
  const submit = (e: FormEvent, allowSplit = false) => {
    e.preventDefault();
    hold.hold({ event_id: event.event_id, zone_id: zone.zone_id, quantity, allow_split: allowSplit });
  };
  const noAdjacent = IsApiError(hold.error, "no_adjacent_seats");
  return (
    <form onSubmit={submit}>
      <label>
        <span>{t("event.quantity")}</span>
        <select value={Math.min(quantity, most)} onChange={(e) => setQuantity(Number(e.target.value))}>
          {Array.from({ length: most }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <p className="muted">{t("event.limit_note", { count: event.max_per_user })}</p>
      {hold.error && <ProblemNotice error={hold.error} />}
      {noAdjacent && (
        <button type="button" className="secondary" onClick={(e) => submit(e, true)} disabled={hold.isPending}>
          {t("event.hold_apart")}
        </button>
      )}{" "}
      <button type="submit" disabled={disabled || hold.isPending}>
        {hold.isPending ? t("event.holding") : t("event.hold_best", { count: quantity })}
      </button>
    </form>
  );
}
