// My tickets: every ticket I hold, with its QR code, by event; each can be given away.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { TicketsApi } from "../../api/tickets";
import { RequireSession } from "../../components/RequireSession";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";
import { TicketCard } from "./TicketCard";

export function TicketsPage() {
  return (
    <RequireSession>
      <MyTickets />
    </RequireSession>
  );
}

function MyTickets() {
  const { t } = useTranslation();
  const tickets = useQuery({ queryKey: ["tickets", "mine"], queryFn: TicketsApi.Mine });
  const [sentTo, setSentTo] = useState<string>();
  return (
    <section className="page">
      <h1>{t("nav.tickets")}</h1>
      {sentTo && <p className="notice ok" role="status">{t("tickets.transferred_to", { email: sentTo })}</p>}
      {tickets.isPending && <Loading />}
      {tickets.error && <ProblemNotice error={tickets.error} retry={() => void tickets.refetch()} autoRetry />}
      {tickets.data?.length === 0 && <p>{t("tickets.none")} <Link to="/">{t("nav.events")}</Link></p>}
      {tickets.data && tickets.data.length > 0 && (
        <ul className="ticket-list">
          {tickets.data.map((ticket) => <TicketCard key={ticket.ticket_id} ticket={ticket} allowTransfer onTransferred={setSentTo} />)}
        </ul>
      )}
    </section>
  );
}
