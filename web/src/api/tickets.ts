import { Api } from "./client";
import type { Ticket } from "./types";

export const TicketsApi = {
  Mine: () => Api<{ tickets: Ticket[] }>("/tickets", { auth: true }).then((a) => a.tickets),
  OfOrder: (orderId: number) =>
    Api<{ tickets: Ticket[] }>(`/orders/${orderId}/tickets`, { auth: true }).then((a) => a.tickets),
  Get: (ticketId: string) => Api<Ticket>(`/tickets/${ticketId}`, { auth: true }),
  Transfer: (ticketId: string, toEmail: string) =>
    Api<Ticket>(`/tickets/${ticketId}/transfer`, { method: "POST", body: { to_email: toEmail }, auth: true }),
};
