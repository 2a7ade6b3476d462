// A new product for bidding flash sales (POST /products).
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AdminApi } from "../../api/admin";
import type { NewProduct } from "../../api/adminTypes";
import { ProblemNotice } from "../../components/ProblemNotice";
import { NumberField, TextField } from "./Fields";

const kEmptyProduct: NewProduct = { name: "", description: "", image_url: "", stock: 100, min_price: 1000, currency: "TWD" };

export function ProductForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [product, setProduct] = useState(kEmptyProduct);
  const set = (patch: Partial<NewProduct>) => setProduct((p) => ({ ...p, ...patch }));
  const create = useMutation({
    // Empty optional fields are left out: the API checks an image_url it is given.
    mutationFn: () => AdminApi.CreateProduct(Object.fromEntries(Object.entries(product).filter(([, v]) => v !== "")) as unknown as NewProduct),
    onSuccess: () => {
      setProduct(kEmptyProduct);
      void queryClient.invalidateQueries({ queryKey: ["products"] });
    },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); create.mutate(); };
  return (
    <form className="card" onSubmit={submit}>
      <h2>{t("admin.new_product")}</h2>
      <TextField label={t("admin.product_name")} value={product.name} required onChange={(name) => set({ name })} />
      <TextField label={t("admin.description")} value={product.description ?? ""} onChange={(description) => set({ description })} />
      <TextField type="url" label={t("admin.image_url")} value={product.image_url ?? ""} onChange={(image_url) => set({ image_url })} />
      <NumberField label={t("admin.stock")} value={product.stock} min={0} max={1_000_000} onChange={(stock) => set({ stock })} />
      <NumberField label={t("admin.min_price")} value={product.min_price} min={0} step="0.01" onChange={(min_price) => set({ min_price })} />
      <TextField label={t("admin.currency")} value={product.currency ?? "TWD"} required onChange={(currency) => set({ currency: currency.toUpperCase() })} />
      {create.error && <ProblemNotice error={create.error} />}
      {create.isSuccess && <p className="notice ok" role="status">{t("admin.product_created", { id: create.data.product_id })}</p>}
      <button type="submit" disabled={create.isPending}>{t("admin.create_product")}</button>
    </form>
  );
}
