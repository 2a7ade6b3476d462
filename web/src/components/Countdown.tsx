// Time left until a deadline, as h:mm:ss or m:ss. role="timer" keeps screen readers from
// announcing every second; `label` says what the time is for.
import { useEffect, useRef } from "react";
import { useNow } from "./useNow";

export function Countdown({ to, label, onDone }: { to: string | number; label: string; onDone?: () => void }) {
  const now = useNow();
  const deadlineMs = typeof to === "number" ? to : Date.parse(to);
  const leftMs = Math.max(deadlineMs - now, 0);
  const done = leftMs === 0;
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;
  useEffect(() => {
    if (done) onDoneRef.current?.();
  }, [done]);
  return (
    <span className="countdown" role="timer" aria-label={`${label}: ${FormatDuration(leftMs)}`}>
      {FormatDuration(leftMs)}
    </span>
  );
}

export function FormatDuration(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(hours ? 2 : 1, "0")}:${String(seconds).padStart(2, "0")}`;
  return hours ? `${hours}:${mmss}` : mmss;
}
