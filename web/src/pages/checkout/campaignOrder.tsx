// What checkout shows for an order won in a flash sale (`kind: "campaign"`): the item and the
// rank it was won at instead of zone and seats, the price won, and the deadline to pay by
// (`pay_by`) instead of a hold's.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { BiddingApi } from "../../api/bidding";
import type { Order } from "../../api/types";
import "../../i18n/bidding";

export function IsCampaignOrder(order: Order): boolean {
  return order.kind === "campaign";
}

// The money to pay: a ticket order's amount, or what the flash sale was won at.
export function AmountToPay(order: Order): number {
  return order.amount ?? order.final_price ?? 0;
}

// The deadline the countdown shows: a campaign order's pay_by until its payment starts, then
// (as for tickets) the payment's deadline in expires_at.
export function PaymentDeadline(order: Order): string | null | undefined {
  if (IsCampaignOrder(order) && order.status === "awaiting_payment") return order.pay_by;
  return order.expires_at ?? (IsCampaignOrder(order) ? order.pay_by : undefined);
}

export function CampaignOrderLines({ order }: { order: Order }) {
  const { t } = useTranslation();
  // The order names the product by id; the campaign has it by name.
  const campaign = useQuery({
    queryKey: ["campaign", order.campaign_id],
    queryFn: () => BiddingApi.Campaign(order.campaign_id!),
    enabled: order.campaign_id !== undefined,
  });
  const product = campaign.data?.product?.name ?? `#${order.product_id ?? campaign.data?.product_id ?? ""}`;
  return (
    <>
      <p>{t("checkout_campaign.won_item", { campaign: order.campaign_id, product })}</p>
      {order.final_rank !== undefined && <p className="muted">{t("checkout_campaign.won_rank", { rank: order.final_rank })}</p>}
    </>
  );
}

export function CampaignOrderPaid({ order }: { order: Order }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="notice ok" role="status">{t("checkout_campaign.paid")}</p>
      <p><Link to={`/campaigns/${order.campaign_id}`}>{t("checkout_campaign.back")}</Link></p>
    </>
  );
}
