// The tickets of one order, with their QR codes (shown after payment).
import { useQuery } from "@tanstack/react-query";
import { TicketsApi } from "../../api/tickets";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";
import { TicketCard } from "./TicketCard";

export function OrderTickets({ orderId }: { orderId: number }) {
  const tickets = useQuery({ queryKey: ["tickets", "order", orderId], queryFn: () => TicketsApi.OfOrder(orderId) });
  if (tickets.isPending) return <Loading />;
  if (tickets.error) return <ProblemNotice error={tickets.error} retry={() => void tickets.refetch()} autoRetry />;
  return (
    <ul className="ticket-list">
      {tickets.data.map((ticket) => <TicketCard key={ticket.ticket_id} ticket={ticket} allowTransfer={false} />)}
    </ul>
  );
}
