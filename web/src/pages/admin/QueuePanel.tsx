// The waiting room: live figures (GET .../queue, public, polled) and the controls an organizer
// changes during a sale (PATCH .../queue): outflow, active shoppers, difficulty, pause.
import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AdminApi } from "../../api/admin";
import { IsApiError } from "../../api/ApiError";
import type { QueueChange, QueueFigures } from "../../api/adminTypes";
import { ProblemNotice } from "../../components/ProblemNotice";
import { NumberField } from "./Fields";

// No socket carries the queue's figures: a read every two seconds is cheap (one public GET).
const kQueueRefreshMs = 2_000;

export function QueuePanel({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const queue = useQuery({
    queryKey: ["queue", eventId],
    queryFn: () => AdminApi.Queue(eventId),
    // An event without a waiting room stays without one until an organizer adds it: stop asking.
    refetchInterval: (query) => (IsApiError(query.state.error, "no_queue") ? false : kQueueRefreshMs),
    retry: false,
  });
  return (
    <section className="card" aria-labelledby="queue-title">
      <h2 id="queue-title">{t("admin.queue_title")}</h2>
      {queue.isError && (IsApiError(queue.error, "no_queue") ? <p>{t("admin.no_queue")}</p> : <ProblemNotice error={queue.error} retry={() => void queue.refetch()} />)}
      {queue.data && <QueueFiguresList queue={queue.data} />}
      {queue.data && <QueueControls eventId={eventId} queue={queue.data} />}
    </section>
  );
}

function QueueFiguresList({ queue }: { queue: QueueFigures }) {
  const { t } = useTranslation();
  return (
    <dl className="figures">
      <div><dt>{t("admin.queue_waiting")}</dt><dd data-testid="queue-waiting">{queue.waiting.toLocaleString()}</dd></div>
      <div><dt>{t("admin.queue_active")}</dt><dd>{queue.admitted_active.toLocaleString()}</dd></div>
      <div><dt>{t("admin.queue_outflow")}</dt><dd>{queue.outflow_per_minute.toLocaleString()}</dd></div>
      <div><dt>{t("admin.queue_admitted_total")}</dt><dd>{queue.admitted_total.toLocaleString()}</dd></div>
      <div><dt>{t("admin.queue_state")}</dt><dd>{queue.paused ? t("admin.paused") : t("admin.running")}</dd></div>
    </dl>
  );
}

function QueueControls({ eventId, queue }: { eventId: number; queue: QueueFigures }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [settings, setSettings] = useState(() => SettingsOf(queue));
  // A change made elsewhere (another organizer) shows once this form is untouched.
  const [touched, setTouched] = useState(false);
  useEffect(() => { if (!touched) setSettings(SettingsOf(queue)); }, [queue, touched]);
  const change = useMutation({
    mutationFn: (patch: QueueChange) => AdminApi.ChangeQueue(eventId, patch),
    onSuccess: (answer) => {
      queryClient.setQueryData(["queue", eventId], answer);
      setTouched(false);
    },
  });
  const set = (patch: QueueChange) => { setTouched(true); setSettings((s) => ({ ...s, ...patch })); };
  const submit = (e: FormEvent) => { e.preventDefault(); change.mutate(settings); };
  return (
    <form onSubmit={submit}>
      <div className="inline-fields">
        <NumberField label={t("admin.admit_per_minute")} value={settings.admit_per_minute} min={1} max={1_000_000} onChange={(admit_per_minute) => set({ admit_per_minute })} />
        <NumberField label={t("admin.active_max")} value={settings.active_max} min={1} max={1_000_000} onChange={(active_max) => set({ active_max })} />
        <NumberField label={t("admin.pow_bits")} value={settings.pow_bits} min={0} max={32} onChange={(pow_bits) => set({ pow_bits })} />
      </div>
      {change.error && <ProblemNotice error={change.error} />}
      <div className="segmented">
        <button type="submit" disabled={change.isPending || !touched}>{t("admin.apply")}</button>
        <button type="button" className="secondary" disabled={change.isPending} onClick={() => change.mutate({ paused: !queue.paused })}>
          {queue.paused ? t("admin.resume") : t("admin.pause")}
        </button>
      </div>
    </form>
  );
}

function SettingsOf(queue: QueueFigures) {
  return { admit_per_minute: queue.admit_per_minute, active_max: queue.active_max, pow_bits: queue.pow_bits };
}
