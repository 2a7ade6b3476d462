// Checkout: the held order with its countdown, the card, the result; the tickets once paid.
// An order won in a flash sale goes the same way (campaignOrder.tsx: its item, price and pay_by).
import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { OrdersApi } from "../../api/orders";
import type { Order } from "../../api/types";
import { RequireSession } from "../../components/RequireSession";
import { Countdown } from "../../components/Countdown";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";
import { FormatMoney } from "../../components/format";
import { OrderTickets } from "../tickets/OrderTickets";
import { usePayment } from "./usePayment";
import { AmountToPay, CampaignOrderLines, CampaignOrderPaid, IsCampaignOrder, PaymentDeadline } from "./campaignOrder";

export function CheckoutPage() {
  return (
    <RequireSession>
      <Checkout />
    </RequireSession>
  );
}

function Checkout() {
  const { t } = useTranslation();
  const orderId = Number(useParams().orderId);
  const order = useQuery({
    queryKey: ["order", orderId],
    queryFn: () => OrdersApi.Get(orderId),
    // No push for payments: while one is under way (a slow card, another tab), look again.
    refetchInterval: (q) => (q.state.data?.status === "payment_pending" ? 2_000 : false),
  });
  if (order.isPending) return <Loading />;
  if (order.error) return <ProblemNotice error={order.error} retry={() => void order.refetch()} autoRetry />;
  return (
    <section className="page checkout-page">
      <h1>{t("checkout.title", { id: orderId })}</h1>
      <OrderSummary order={order.data} />
      <CheckoutStep order={order.data} refresh={() => void order.refetch()} />
    </section>
  );
}

function OrderSummary({ order }: { order: Order }) {
  const { t } = useTranslation();
  return (
    <div className="card">
      {IsCampaignOrder(order) ? <CampaignOrderLines order={order} /> : (
        <p>{t("checkout.zone", { zone: order.zone_id })} · {t("checkout.quantity", { count: order.quantity ?? 0 })}</p>
      )}
      {order.seats && order.seats.length > 0 && <p>{t("checkout.seats", { seats: order.seats.join(", ") })}</p>}
      <p><strong>{FormatMoney(AmountToPay(order), order.currency)}</strong></p>
      <p className="muted" data-order-status={order.status}>{t(`order_status.${order.status}`)}</p>
    </div>
  );
}

function CheckoutStep({ order, refresh }: { order: Order; refresh: () => void }) {
  const { t } = useTranslation();
  switch (order.status) {
    case "held":
    case "awaiting_payment":
    case "payment_pending":
      return <PayForm order={order} refresh={refresh} />;
    case "paid":
      if (IsCampaignOrder(order)) return <CampaignOrderPaid order={order} />;
      return (
        <>
          <p className="notice ok" role="status">{t("checkout.paid")}</p>
          <OrderTickets orderId={order.order_id} />
          <p><Link to="/tickets">{t("nav.tickets")}</Link></p>
        </>
      );
    default:
      return (
        <p className="notice error" role="status">
          {t(`checkout.ended.${order.status}`, { defaultValue: t(`order_status.${order.status}`) })}{" "}
          {order.event_id && <Link to={`/events/${order.event_id}`}>{t("checkout.back_to_event")}</Link>}
          {order.campaign_id && <Link to={`/campaigns/${order.campaign_id}`}>{t("checkout_campaign.back")}</Link>}
        </p>
      );
  }
}

function PayForm({ order, refresh }: { order: Order; refresh: () => void }) {
  const { t } = useTranslation();
  const [card, setCard] = useState("");
  const payment = usePayment(order.order_id);
  const deadline = PaymentDeadline(order);
  const deadlineLabel = order.status === "payment_pending" ? "checkout.payment_window"
    : IsCampaignOrder(order) ? "checkout_campaign.pay_by" : "checkout.held_for";
  const submit = (e: FormEvent) => {
    e.preventDefault();
    payment.mutate(card);
  };
  return (
    <form className="card form" onSubmit={submit} aria-describedby="hold-deadline">
      {deadline && (
        <p id="hold-deadline" className="hold-deadline">
          {t(deadlineLabel)}{" "}
          <Countdown to={deadline} label={t("checkout.time_left")} onDone={refresh} />
        </p>
      )}
      <label>
        <span>{t("checkout.card")}</span>
        <input inputMode="numeric" autoComplete="cc-number" required pattern="[0-9 ]{12,23}" value={card}
          onChange={(e) => setCard(e.target.value)} aria-describedby="test-cards" name="card" />
      </label>
      <p id="test-cards" className="muted">{t("checkout.test_cards")}</p>
      {payment.error && <ProblemNotice error={payment.error} />}
      <button type="submit" disabled={payment.isPending}>
        {payment.isPending ? t("checkout.paying") : t("checkout.pay", { amount: FormatMoney(AmountToPay(order), order.currency) })}
      </button>
    </form>
  );
}
