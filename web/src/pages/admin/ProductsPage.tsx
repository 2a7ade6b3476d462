// Products and their bidding campaigns: the lists, and a form for each.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AdminApi } from "../../api/admin";
import { FormatDateTime, FormatMoney } from "../../components/format";
import { ProblemNotice } from "../../components/ProblemNotice";
import { ProductForm } from "./ProductForm";
import { CampaignForm } from "./CampaignForm";

export function ProductsPage() {
  const { t } = useTranslation();
  const products = useQuery({ queryKey: ["products"], queryFn: AdminApi.Products });
  const campaigns = useQuery({ queryKey: ["campaigns"], queryFn: AdminApi.Campaigns });
  return (
    <>
      <h1>{t("admin.products_title")}</h1>
      <div className="dashboard">
        <ProductForm />
        <CampaignForm products={products.data ?? []} />
      </div>
      {products.isError && <ProblemNotice error={products.error} retry={() => void products.refetch()} />}
      <h2>{t("admin.products")}</h2>
      <table className="data-table">
        <thead><tr><th>#</th><th>{t("admin.product_name")}</th><th className="number">{t("admin.stock")}</th><th className="number">{t("admin.min_price")}</th></tr></thead>
        <tbody>
          {(products.data ?? []).map((p) => (
            <tr key={p.product_id}><td>{p.product_id}</td><td>{p.name}</td><td className="number">{p.stock} / {p.initial_stock}</td><td className="number">{FormatMoney(p.min_price, p.currency ?? "TWD")}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>{t("admin.campaigns")}</h2>
      <table className="data-table">
        <thead><tr><th>#</th><th>{t("admin.product")}</th><th>{t("admin.start_time")}</th><th>{t("admin.end_time")}</th><th className="number">{t("admin.quota")}</th><th>{t("admin.status")}</th></tr></thead>
        <tbody>
          {(campaigns.data ?? []).map((c) => (
            <tr key={c.campaign_id}>
              <td>{c.campaign_id}</td><td>{c.product_id}</td><td>{FormatDateTime(c.start_time)}</td><td>{FormatDateTime(c.end_time)}</td>
              <td className="number">{c.quota}</td><td>{c.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
