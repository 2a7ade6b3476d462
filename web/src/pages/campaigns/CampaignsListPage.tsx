// Flash sales: every campaign with its product, status and the countdown to its start or end.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { BiddingApi, type Campaign, type Product } from "../../api/bidding";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";
import { FormatMoney } from "../../components/format";
import { useNow } from "../../components/useNow";
import { CampaignTiming } from "./CampaignTiming";
import { StatusAt } from "./campaignStatus";
import { StatusBadge } from "./StatusBadge";

export function CampaignsListPage() {
  const { t } = useTranslation();
  const campaigns = useQuery({ queryKey: ["campaigns"], queryFn: BiddingApi.Campaigns });
  // The list has no products inside (docs/api.md): one read names them all.
  const products = useQuery({ queryKey: ["products"], queryFn: BiddingApi.Products });
  if (campaigns.isPending) return <Loading />;
  if (campaigns.error) return <ProblemNotice error={campaigns.error} retry={() => void campaigns.refetch()} autoRetry />;
  const productById = new Map((products.data ?? []).map((p) => [p.product_id, p]));
  // Open and upcoming first, soonest first; ended ones after.
  const sorted = [...campaigns.data].sort((a, b) => SortKey(a) - SortKey(b));
  return (
    <section className="page">
      <h1>{t("bidding.list_title")}</h1>
      {sorted.length === 0 && <p>{t("bidding.none")}</p>}
      <ul className="campaign-list">
        {sorted.map((c) => (
          <CampaignCard key={c.campaign_id} campaign={c} product={productById.get(c.product_id)} refresh={() => void campaigns.refetch()} />
        ))}
      </ul>
    </section>
  );
}

function SortKey(campaign: Campaign): number {
  const endMs = Date.parse(campaign.end_time);
  return endMs > Date.now() ? endMs : Number.MAX_SAFE_INTEGER - endMs;
}

function CampaignCard({ campaign, product, refresh }: { campaign: Campaign; product?: Product; refresh: () => void }) {
  const { t } = useTranslation();
  const now = useNow();
  const status = StatusAt(campaign, now);
  const name = product?.name ?? t("bidding.product_fallback", { id: campaign.product_id });
  return (
    <li className="card campaign-card" data-campaign-id={campaign.campaign_id}>
      {product?.image_url && <img className="campaign-thumb" src={product.image_url} alt="" loading="lazy" />}
      <div>
        <h2><Link to={`/campaigns/${campaign.campaign_id}`}>{name}</Link></h2>
        <p><StatusBadge status={status} /> <CampaignTiming campaign={campaign} status={status} onChange={refresh} /></p>
        <p className="muted">
          {product && <>{t("bidding.min_price", { price: FormatMoney(product.min_price, product.currency) })} · </>}
          {t("bidding.winners_count", { count: campaign.quota })} · {t("bidding.participants", { count: campaign.participants })}
        </p>
      </div>
    </li>
  );
}
