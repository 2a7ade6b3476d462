// Paying a held order (docs/payments.md): POST /orders/{id}/pay starts the provider's payment,
// then the browser itself posts the card to the provider (`provider_url`, tixpay) with the client
// secret, and waits for tixd to learn the result by the provider's webhook. With payments =
// "instant" /pay answers payments_not_configured and /confirm pays at once instead.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, IsApiError, NetworkError } from "../../api/ApiError";
import { ErrorFromResponse, Sleep } from "../../api/client";
import { OrdersApi } from "../../api/orders";
import type { Order } from "../../api/types";

// Waiting for the webhook: quick at first (it usually lands within a second), then patient.
const kPollFirstMs = 250;
const kPollMaxMs = 3_000;
const kPollGrowth = 1.5;
const kWaitMaxMs = 120_000;

export function usePayment(orderId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (card: string): Promise<Order> => {
      let start;
      try {
        // One intent per order: the key makes every retry answer the same.
        start = await OrdersApi.Pay(orderId, `pay-order-${orderId}`);
      } catch (error) {
        if (IsApiError(error, "payments_not_configured")) return OrdersApi.Confirm(orderId);
        throw error;
      }
      queryClient.setQueryData(["order", orderId], start.order);
      await PostCard(start.provider_url, start.client_secret, card);
      return WaitForSettled(orderId, (order) => queryClient.setQueryData(["order", orderId], order));
    },
    onSuccess: (order) => queryClient.setQueryData(["order", orderId], order),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ["order", orderId] }),
  });
}

async function PostCard(providerUrl: string, clientSecret: string, card: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(providerUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ client_secret: clientSecret, card: card.replace(/\s+/g, "") }),
    });
  } catch (cause) {
    throw NetworkError(cause);
  }
  if (!response.ok) throw await ErrorFromResponse(response);
}

async function WaitForSettled(orderId: number, seen: (order: Order) => void): Promise<Order> {
  const deadline = Date.now() + kWaitMaxMs;
  for (let delay = kPollFirstMs; Date.now() < deadline; delay = Math.min(delay * kPollGrowth, kPollMaxMs)) {
    await Sleep(delay);
    const order = await OrdersApi.Get(orderId);
    seen(order);
    if (order.status !== "payment_pending") return order;
  }
  throw new ApiError({ status: 0, code: "payment_still_pending" });
}
