// A new event, starting from the Taipei Dome template (zones and rows prefilled). On success the
// organizer lands on the event's dashboard.
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AdminApi } from "../../api/admin";
import { ProblemNotice } from "../../components/ProblemNotice";
import { NewEventOf, TaipeiDomeDraft, type EventDraft } from "./eventDraft";
import { ZoneEditor } from "./ZoneEditor";
import { NumberField, TextField } from "./Fields";

export function CreateEventPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<EventDraft>(() => TaipeiDomeDraft(Date.now()));
  const set = (patch: Partial<EventDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const create = useMutation({
    mutationFn: () => AdminApi.CreateEvent(NewEventOf(draft)),
    onSuccess: (event) => {
      void queryClient.invalidateQueries({ queryKey: ["events"] });
      navigate(`/admin/events/${event.event_id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="card" onSubmit={submit}>
      <h1>{t("admin.new_event")}</h1>
      <p className="muted">{t("admin.template_note")}</p>
      <div className="inline-fields">
        <TextField label={t("admin.event_name")} value={draft.name} required onChange={(name) => set({ name })} />
        <TextField label={t("admin.series")} value={draft.series} onChange={(series) => set({ series })} />
        <TextField label={t("admin.venue")} value={draft.venue} required onChange={(venue) => set({ venue })} />
        <TextField type="datetime-local" label={t("admin.starts_at")} value={draft.starts_at} required onChange={(starts_at) => set({ starts_at })} />
        <TextField type="datetime-local" label={t("admin.sale_starts_at")} value={draft.sale_starts_at} required onChange={(sale_starts_at) => set({ sale_starts_at })} />
        <NumberField label={t("admin.max_per_user")} value={draft.max_per_user} min={1} max={8} onChange={(max_per_user) => set({ max_per_user })} />
        <NumberField label={t("admin.hold_seconds")} value={draft.hold_seconds} min={1} max={86400} onChange={(hold_seconds) => set({ hold_seconds })} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={draft.with_queue} onChange={(e) => set({ with_queue: e.target.checked })} /> {t("admin.with_queue")}
      </label>
      {draft.with_queue && (
        <div className="inline-fields">
          <TextField type="datetime-local" label={t("admin.queue_opens_at")} value={draft.queue_opens_at} required onChange={(queue_opens_at) => set({ queue_opens_at })} />
          <NumberField label={t("admin.admit_per_minute")} value={draft.admit_per_minute} min={1} max={1_000_000} onChange={(admit_per_minute) => set({ admit_per_minute })} />
          <NumberField label={t("admin.active_max")} value={draft.active_max} min={1} max={1_000_000} onChange={(active_max) => set({ active_max })} />
          <NumberField label={t("admin.pow_bits")} value={draft.pow_bits} min={0} max={32} onChange={(pow_bits) => set({ pow_bits })} />
        </div>
      )}
      <ZoneEditor zones={draft.zones} onChange={(zones) => set({ zones })} />
      {create.error && <ProblemNotice error={create.error} />}
      <button type="submit" disabled={create.isPending}>{t("admin.create_event")}</button>
    </form>
  );
}
