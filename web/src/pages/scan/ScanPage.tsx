// One gate: choose the event and the gate's name once, then scan tickets with the camera or type
// / paste a ticket's code. Each scan's verdict fills the screen in its colour.
import { useCallback, useRef, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EventsApi } from "../../api/events";
import { GateApi } from "../../api/admin";
import { ProblemNotice } from "../../components/ProblemNotice";
import { CameraScanner } from "./CameraScanner";
import { ScanResultView } from "./ScanResultView";
import { OutcomeOfAdmission, OutcomeOfRefusal, type ScanOutcome } from "./scanOutcome";
import { useStoredState } from "./useStoredState";

// The camera reads a code many times a second while it is in view: one check per code per
// this long (a second scan of the same ticket on purpose comes after it is taken away).
const kSameCodeQuietMs = 3_000;

export function ScanPage() {
  const { t } = useTranslation();
  const events = useQuery({ queryKey: ["events"], queryFn: EventsApi.List });
  const [eventId, setEventId] = useStoredState("tix.scan.event", "");
  const [gate, setGate] = useStoredState("tix.scan.gate", "");
  const [manual, setManual] = useState("");
  const [outcome, setOutcome] = useState<ScanOutcome>();
  const [checking, setChecking] = useState(false);
  const lastCode = useRef({ payload: "", atMs: 0 });
  const ready = eventId !== "" && /^[A-Za-z0-9_.-]{1,32}$/.test(gate);

  const check = useCallback(async (payload: string) => {
    setChecking(true);
    try {
      setOutcome(OutcomeOfAdmission(await GateApi.CheckIn(Number(eventId), payload.trim(), gate)));
    } catch (error) {
      setOutcome(OutcomeOfRefusal(error));
    } finally {
      setChecking(false);
    }
  }, [eventId, gate]);

  const onCameraCode = useCallback((payload: string) => {
    const now = Date.now();
    if (payload === lastCode.current.payload && now - lastCode.current.atMs < kSameCodeQuietMs) return;
    lastCode.current = { payload, atMs: now };
    void check(payload);
  }, [check]);

  const submitManual = (e: FormEvent) => {
    e.preventDefault();
    if (manual.trim()) void check(manual);
    setManual("");
  };

  return (
    <section className="page scan-page">
      <h1>{t("scan.title")}</h1>
      <div className="scan-setup">
        <label>
          <span>{t("scan.event")}</span>
          <select value={eventId} onChange={(e) => setEventId(e.target.value)} required>
            <option value="">{t("scan.choose_event")}</option>
            {(events.data ?? []).map((event) => <option key={event.event_id} value={event.event_id}>{event.name}</option>)}
          </select>
        </label>
        <label>
          <span>{t("scan.gate")}</span>
          <input value={gate} onChange={(e) => setGate(e.target.value)} pattern="[A-Za-z0-9_.\-]{1,32}" placeholder="north-1" required />
        </label>
      </div>
      {events.isError && <ProblemNotice error={events.error} retry={() => void events.refetch()} autoRetry />}
      {!ready && <p className="muted">{t("scan.setup_first")}</p>}
      <div aria-live="polite">{outcome && <ScanResultView outcome={outcome} />}</div>
      {ready && <CameraScanner onCode={onCameraCode} />}
      <form className="scan-manual" onSubmit={submitManual}>
        <label>
          <span>{t("scan.manual")}</span>
          <input value={manual} onChange={(e) => setManual(e.target.value)} autoComplete="off" spellCheck={false} />
        </label>
        <button type="submit" disabled={!ready || checking}>{t("scan.check")}</button>
      </form>
    </section>
  );
}
