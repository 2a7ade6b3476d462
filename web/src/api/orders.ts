import { Api } from "./client";
import type { Order, OrderPage, PaymentStart } from "./types";

export type HoldRequest =
  | { event_id: number; zone_id: string; quantity: number; allow_split?: boolean }
  | { event_id: number; seats: string[] };

export const OrdersApi = {
  Hold: (request: HoldRequest, idempotencyKey: string) =>
    Api<Order>("/orders", { method: "POST", body: request, auth: true, idempotencyKey }),
  Get: (orderId: number) => Api<Order>(`/orders/${orderId}`, { auth: true }),
  List: (cursor?: string) =>
    Api<OrderPage>(`/orders?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { auth: true }),
  Pay: (orderId: number, idempotencyKey: string) =>
    Api<PaymentStart>(`/orders/${orderId}/pay`, { method: "POST", auth: true, idempotencyKey }),
  Confirm: (orderId: number) => Api<Order>(`/orders/${orderId}/confirm`, { method: "POST", auth: true }),
  Cancel: (orderId: number) => Api<Order>(`/orders/${orderId}/cancel`, { method: "POST", auth: true }),
};
