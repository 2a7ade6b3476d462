// My orders, newest first, a page at a time; held ones (and won flash-sale orders to pay) lead
// back to checkout.
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { OrdersApi } from "../../api/orders";
import type { Order } from "../../api/types";
import { RequireSession } from "../../components/RequireSession";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";
import { FormatDateTime, FormatMoney } from "../../components/format";

export function OrdersPage() {
  return (
    <RequireSession>
      <MyOrders />
    </RequireSession>
  );
}

function MyOrders() {
  const { t } = useTranslation();
  const orders = useInfiniteQuery({
    queryKey: ["orders"],
    queryFn: ({ pageParam }) => OrdersApi.List(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
  const list = orders.data?.pages.flatMap((p) => p.orders) ?? [];
  return (
    <section className="page">
      <h1>{t("nav.orders")}</h1>
      {orders.isPending && <Loading />}
      {orders.error && <ProblemNotice error={orders.error} retry={() => void orders.refetch()} autoRetry />}
      {orders.data && list.length === 0 && <p>{t("orders.none")}</p>}
      <ul className="order-list">
        {list.map((order) => <OrderRow key={order.order_id} order={order} />)}
      </ul>
      {orders.hasNextPage && (
        <button type="button" className="secondary" disabled={orders.isFetchingNextPage} onClick={() => void orders.fetchNextPage()}>
          {t("orders.more")}
        </button>
      )}
    </section>
  );
}

function OrderRow({ order }: { order: Order }) {
  const { t } = useTranslation();
  const amount = order.kind === "campaign" ? order.final_price : order.amount;
  return (
    <li className="card order-row" data-order-id={order.order_id}>
      <p>
        <strong>#{order.order_id}</strong> · {order.kind === "campaign"
          ? <Link to={`/campaigns/${order.campaign_id}`}>{t("orders.campaign", { id: order.campaign_id })}</Link>
          : order.zone_id}
        {order.quantity ? ` × ${order.quantity}` : ""} · {amount !== undefined && FormatMoney(amount, order.currency)}
      </p>
      <p className="muted">{t(`order_status.${order.status}`)} · {FormatDateTime(order.created_at)}</p>
      {(order.status === "held" || order.status === "payment_pending" || order.status === "awaiting_payment") && (
        <Link className="button" to={`/checkout/${order.order_id}`}>{t("orders.continue")}</Link>
      )}
      {order.kind === "ticket" && order.status === "paid" && <Link to={`/checkout/${order.order_id}`}>{t("orders.view_tickets")}</Link>}
    </li>
  );
}
