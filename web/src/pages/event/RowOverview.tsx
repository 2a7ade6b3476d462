// The whole zone at a glance: one line per row (front row at the top), runs of available, held
// and sold seats in their colours. Tapping a row opens it in the seat strip; keyboard users pick
// the row from the list instead (this drawing is hidden from screen readers).
interface Props {
  rows: { row: string; states: string }[];
  selectedRow: string | undefined;
  onSelect: (row: string) => void;
}

const kRowHeight = 8;
const kWidth = 300;
const kStateColour: Record<string, string> = { A: "var(--seat-available)", H: "var(--seat-held)", S: "var(--seat-sold)" };

export function RowOverview({ rows, selectedRow, onSelect }: Props) {
  const widest = Math.max(1, ...rows.map((r) => r.states.length));
  const seatWidth = kWidth / widest;
  return (
    <svg className="row-overview" viewBox={`0 0 ${kWidth} ${rows.length * kRowHeight}`} aria-hidden="true" preserveAspectRatio="xMidYMin meet">
      {rows.map((row, r) => {
        const left = (kWidth - row.states.length * seatWidth) / 2;
        return (
          <g key={row.row} onClick={() => onSelect(row.row)} className={row.row === selectedRow ? "selected-row" : undefined}>
            <rect x={0} y={r * kRowHeight} width={kWidth} height={kRowHeight} fill="transparent" />
            {Runs(row.states).map((run) => (
              <rect key={run.start} x={left + run.start * seatWidth} y={r * kRowHeight + 1} width={run.length * seatWidth} height={kRowHeight - 2} fill={kStateColour[run.state]} />
            ))}
          </g>
        );
      })}
    </svg>
  );
}

// "AAAHHS" → [{A,0,3},{H,3,2},{S,5,1}]: a few rects per row instead of one per seat.
export function Runs(states: string): { state: string; start: number; length: number }[] {
  const runs: { state: string; start: number; length: number }[] = [];
  for (let i = 0; i < states.length; i++) {
    const last = runs[runs.length - 1];
    if (last && last.state === states[i]) last.length++;
    else runs.push({ state: states[i], start: i, length: 1 });
  }
  return runs;
}
