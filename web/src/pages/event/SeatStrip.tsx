// One row's seats as buttons. A single Tab stop (roving tabindex): arrows move along the row,
// Home/End jump to its ends, Enter or Space chooses or un-chooses a seat.
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { SeatId } from "./useSeatStates";

interface Props {
  zoneId: string;
  row: string;
  states: string;
  chosen: Set<string>;
  onToggle: (seatId: string) => void;
}

export function SeatStrip({ zoneId, row, states, chosen, onToggle }: Props) {
  const { t } = useTranslation();
  const [focusIndex, setFocusIndex] = useState(() => FirstAvailableNearCentre(states));
  const stripRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const index = FirstAvailableNearCentre(states);
    setFocusIndex(index);
    stripRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.scrollIntoView({ block: "nearest", inline: "center" });
    // Only when the row changes, not on every live update of its states.
  }, [row]);

  const moveFocus = (index: number) => {
    const clamped = Math.max(0, Math.min(states.length - 1, index));
    setFocusIndex(clamped);
    stripRef.current?.querySelector<HTMLElement>(`[data-index="${clamped}"]`)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: focusIndex + 1, ArrowLeft: focusIndex - 1, Home: 0, End: states.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      moveFocus(moves[e.key]);
    }
  };
  return (
    <div className="seat-strip" role="group" aria-label={t("seats.row_label", { row })} ref={stripRef} onKeyDown={onKeyDown}>
      {Array.from(states, (state, i) => {
        const seatId = SeatId(zoneId, row, i);
        const isChosen = chosen.has(seatId);
        const shown = isChosen ? "chosen" : state === "A" ? "available" : state === "H" ? "held" : "sold";
        return (
          <button
            key={seatId}
            type="button"
            data-index={i}
            data-seat-id={seatId}
            data-state={shown}
            className={`seat ${shown}`}
            tabIndex={i === focusIndex ? 0 : -1}
            aria-pressed={isChosen}
            aria-disabled={state !== "A" && !isChosen}
            aria-label={t("seats.seat_label", { row, number: i + 1, state: t(`seats.state.${shown}`) })}
            onClick={() => { setFocusIndex(i); if (state === "A" || isChosen) onToggle(seatId); }}
          >
            {i + 1}
          </button>
        );
      })}
    </div>
  );
}

function FirstAvailableNearCentre(states: string): number {
  const centre = Math.floor(states.length / 2);
  for (let d = 0; d < states.length; d++) {
    for (const i of [centre - d, centre + d]) if (i >= 0 && i < states.length && states[i] === "A") return i;
  }
  return centre;
}
