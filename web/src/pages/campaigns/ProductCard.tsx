// What is on sale: the product's picture, description, stock and lowest price, and the rules.
import { useTranslation } from "react-i18next";
import type { Campaign, Product } from "../../api/bidding";
import { FormatMoney } from "../../components/format";

// `participants`: the live figure (the board's), else the campaign's as last read.
export function ProductCard({ product, campaign, participants }: { product: Product; campaign: Campaign; participants?: number }) {
  const { t } = useTranslation();
  return (
    <div className="card product-card">
      {product.image_url && <img className="product-image" src={product.image_url} alt={product.name} />}
      {product.description && <p>{product.description}</p>}
      <ul className="facts">
        <li>{t("bidding.stock", { count: product.stock })}</li>
        <li>{t("bidding.min_price", { price: FormatMoney(product.min_price, product.currency) })}</li>
        <li>{t("bidding.winners_count", { count: campaign.quota })}</li>
        <li>{t("bidding.participants", { count: participants ?? campaign.participants })}</li>
      </ul>
    </div>
  );
}
