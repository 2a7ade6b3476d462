// Holding tickets: POST /orders with an idempotency key per attempt (a retried request never
// holds twice), then on to checkout.
import { useRef } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { NewIdempotencyKey } from "../../api/client";
import { OrdersApi, type HoldRequest } from "../../api/orders";
import { session } from "../../auth/session";

export function useHold() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const keyRef = useRef<{ request: string; key: string } | null>(null);
  const mutation = useMutation({
    mutationFn: (request: HoldRequest) => {
      // The same request again (a retry after a lost answer) reuses its key.
      const text = JSON.stringify(request);
      if (keyRef.current?.request !== text) keyRef.current = { request: text, key: NewIdempotencyKey() };
      return OrdersApi.Hold(request, keyRef.current.key);
    },
    onSuccess: (order) => {
      keyRef.current = null;
      queryClient.setQueryData(["order", order.order_id], order);
      navigate(`/checkout/${order.order_id}`);
    },
  });
  // Someone not signed in logs in first and comes back to this page.
  const hold = (request: HoldRequest) => {
    if (session.state) return mutation.mutate(request);
    navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  };
  return { hold, isPending: mutation.isPending, error: mutation.error };
}
