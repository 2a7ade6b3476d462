// A new bidding campaign for a product (POST /campaigns): its window, quota K and score weights.
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AdminApi } from "../../api/admin";
import type { Product } from "../../api/adminTypes";
import { ProblemNotice } from "../../components/ProblemNotice";
import { FromLocalInput, ToLocalInput } from "./dateInput";
import { NumberField, TextField } from "./Fields";

const kDefaultLengthMs = 10 * 60_000;

export function CampaignForm({ products }: { products: Product[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => DefaultCampaign(Date.now()));
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const productId = draft.product_id || products[products.length - 1]?.product_id || 0;
  const create = useMutation({
    mutationFn: () => AdminApi.CreateCampaign({
      product_id: productId, quota: draft.quota, alpha: draft.alpha, beta: draft.beta, gamma: draft.gamma,
      start_time: FromLocalInput(draft.start_time), end_time: FromLocalInput(draft.end_time),
    }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["campaigns"] }),
  });
  const submit = (e: FormEvent) => { e.preventDefault(); create.mutate(); };
  return (
    <form className="card" onSubmit={submit}>
      <h2>{t("admin.new_campaign")}</h2>
      <label>
        <span>{t("admin.product")}</span>
        <select value={productId} required onChange={(e) => set({ product_id: Number(e.target.value) })}>
          {products.length === 0 && <option value={0}>{t("admin.no_products")}</option>}
          {products.map((p) => <option key={p.product_id} value={p.product_id}>{p.product_id} · {p.name}</option>)}
        </select>
      </label>
      <TextField type="datetime-local" label={t("admin.start_time")} value={draft.start_time} required onChange={(start_time) => set({ start_time })} />
      <TextField type="datetime-local" label={t("admin.end_time")} value={draft.end_time} required onChange={(end_time) => set({ end_time })} />
      <NumberField label={t("admin.quota")} value={draft.quota} min={1} max={100_000} onChange={(quota) => set({ quota })} />
      <div className="inline-fields">
        <NumberField label="α" value={draft.alpha} min={0} step="any" onChange={(alpha) => set({ alpha })} />
        <NumberField label="β" value={draft.beta} min={0} step="any" onChange={(beta) => set({ beta })} />
        <NumberField label="γ" value={draft.gamma} min={0} step="any" onChange={(gamma) => set({ gamma })} />
      </div>
      {create.error && <ProblemNotice error={create.error} />}
      {create.isSuccess && <p className="notice ok" role="status">{t("admin.campaign_created", { id: create.data.campaign_id })}</p>}
      <button type="submit" disabled={create.isPending || productId === 0}>{t("admin.create_campaign")}</button>
    </form>
  );
}

// Starts in a minute, lasts ten; the score weights are the API's defaults.
function DefaultCampaign(nowMs: number) {
  const startMs = Math.ceil((nowMs + 60_000) / 60_000) * 60_000;
  return { product_id: 0, start_time: ToLocalInput(startMs), end_time: ToLocalInput(startMs + kDefaultLengthMs), quota: 10, alpha: 1, beta: 1000, gamma: 100 };
}
