// A winner's order: found among my orders (GET /orders lists campaign orders beside ticket
// orders; the settlement made it), with the way to pay it through the common checkout.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { OrdersApi } from "../../api/orders";
import type { Order } from "../../api/types";
import { FormatMoney } from "../../components/format";
import { ProblemNotice } from "../../components/ProblemNotice";

// A fresh win is among the newest orders; a few pages are plenty to find it.
const kPagesMax = 5;
const kPayableStatuses = new Set(["awaiting_payment", "held", "payment_pending"]);

export function WonOrder({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const order = useQuery({ queryKey: ["won-order", campaignId], queryFn: () => FindCampaignOrder(campaignId) });
  if (order.error) return <ProblemNotice error={order.error} retry={() => void order.refetch()} />;
  if (!order.data) return <p className="muted">{t("bidding.order_pending")}</p>;
  const price = order.data.final_price ?? order.data.amount ?? 0;
  return (
    <div className="won-order" data-order-id={order.data.order_id}>
      <h3>{t("bidding.order_title")}</h3>
      <p>
        {t("bidding.order_line", { id: order.data.order_id, price: FormatMoney(price, order.data.currency) })} ·{" "}
        <span data-order-status={order.data.status}>{t(`order_status.${order.data.status}`)}</span>
      </p>
      {kPayableStatuses.has(order.data.status) && (
        <Link className="button" to={`/checkout/${order.data.order_id}`}>{t("bidding.pay")}</Link>
      )}
      {order.data.status === "paid" && <p className="notice ok">{t("bidding.order_paid")}</p>}
    </div>
  );
}

async function FindCampaignOrder(campaignId: number): Promise<Order | null> {
  let cursor: string | undefined;
  for (let page = 0; page < kPagesMax; page++) {
    const answer = await OrdersApi.List(cursor);
    const found = answer.orders.find((o) => o.kind === "campaign" && o.campaign_id === campaignId);
    if (found) return found;
    if (!answer.next_cursor) return null;
    cursor = answer.next_cursor;
  }
  return null;
}
