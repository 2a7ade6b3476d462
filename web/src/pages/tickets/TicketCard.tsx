// One ticket: seat, status, its QR code (fetched again when a rotating code is due), transfer.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { TicketsApi } from "../../api/tickets";
import type { Ticket } from "../../api/types";
import { QrCode } from "./QrCode";
import { TransferForm } from "./TransferForm";

// A rotating code is fetched this long after qr_refresh_at (it is accepted a step longer anyway).
const kRefreshSlackMs = 250;

interface Props {
  ticket: Ticket;
  allowTransfer: boolean;
  onTransferred?: (email: string) => void;
}

export function TicketCard({ ticket: initial, allowTransfer, onTransferred }: Props) {
  const { t } = useTranslation();
  const live = useQuery({
    queryKey: ["ticket", initial.ticket_id],
    queryFn: () => TicketsApi.Get(initial.ticket_id),
    initialData: initial,
    enabled: initial.rotating_qr && !!initial.qr,
    refetchInterval: (q) => {
      const at = q.state.data?.qr_refresh_at;
      return at ? Math.max(Date.parse(at) - Date.now() + kRefreshSlackMs, 1_000) : false;
    },
  });
  // Only a rotating code is fetched here; otherwise the list's answer is the newest word.
  const ticket = initial.rotating_qr && initial.qr ? (live.data ?? initial) : initial;
  const where = ticket.seat ?? t("tickets.general_admission", { zone: ticket.zone_id });
  return (
    <li className="card ticket-card" data-ticket-id={ticket.ticket_id}>
      <h3>{where}</h3>
      <p className="muted">{t(`tickets.status.${ticket.transferred ? "transferred" : ticket.status}`)}</p>
      {ticket.qr && <QrCode payload={ticket.qr} label={t("tickets.qr_label", { seat: where })} />}
      {ticket.rotating_qr && ticket.qr && <p className="muted">{t("tickets.rotating_note")}</p>}
      {ticket.checked_in && <p>{t("tickets.checked_in", { gate: ticket.checked_in.gate })}</p>}
      {allowTransfer && ticket.status === "valid" && ticket.qr && <TransferForm ticketId={ticket.ticket_id} onTransferred={onTransferred} />}
    </li>
  );
}
