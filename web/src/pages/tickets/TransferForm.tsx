// Giving a ticket to someone with an account: their email, a confirmation, done.
import { useId, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { TicketsApi } from "../../api/tickets";
import { ProblemNotice } from "../../components/ProblemNotice";

// `onTransferred`: the ticket leaves the sender's list at once, so the page says it was sent.
export function TransferForm({ ticketId, onTransferred }: { ticketId: string; onTransferred?: (email: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const transfer = useMutation({
    mutationFn: () => TicketsApi.Transfer(ticketId, email.trim()),
    onSuccess: () => {
      onTransferred?.(email.trim());
      void queryClient.invalidateQueries({ queryKey: ["tickets"] });
    },
  });
  if (!open) {
    return <button type="button" className="secondary" onClick={() => setOpen(true)}>{t("tickets.transfer")}</button>;
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (window.confirm(t("tickets.transfer_confirm", { email }))) transfer.mutate();
  };
  // Said once: by the page when it listens, else here.
  if (transfer.isSuccess) return onTransferred ? null : <p className="notice ok" role="status">{t("tickets.transferred_to", { email })}</p>;
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>{t("tickets.transfer_title")}</p>
      <label>
        <span>{t("tickets.recipient_email")}</span>
        <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </label>
      {transfer.error && <ProblemNotice error={transfer.error} />}
      <button type="submit" disabled={transfer.isPending}>{t("tickets.transfer_send")}</button>{" "}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>{t("common.cancel")}</button>
    </form>
  );
}
