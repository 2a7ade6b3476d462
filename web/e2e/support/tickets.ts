// Accounts and paid tickets made through the API (no browser), for the pages that start from a
// ticket: the gate's scan page. Payment goes the real way: tixd's /pay, the card posted to tixpay,
// tixpay's webhook marks the order paid and tixd issues the tickets.
import { AdminToken, Call } from "./api";

const kPassword = "Blue-Tiger-Lantern-42";
const kTicketWaitMs = 15_000;
let accountCount = 0;

export interface Account {
  email: string;
  password: string;
}

export async function CreateScanner(tag: string): Promise<Account> {
  const account = { email: `gate-${tag}-${Date.now()}-${++accountCount}@e2e.test`, password: kPassword };
  await Call("POST", "/admin/users", { ...account, name: `Gate ${tag}`, role: "scanner" }, await AdminToken());
  return account;
}

// An event on sale now without a waiting room: the buyer holds straight away.
export async function CreateOpenEvent(name: string): Promise<number> {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const event = await Call<{ event_id: number }>("POST", "/events", {
    name, series: "E2E Series", venue: "Taipei Dome",
    starts_at: iso(now + 7 * 86_400_000), sale_starts_at: iso(now - 30_000), max_per_user: 4,
    zones: [{ zone_id: "GA", name: "Standing", price: 800, currency: "TWD", kind: "ga", capacity: 50 }],
  }, await AdminToken());
  return event.event_id;
}

export interface PaidTicket {
  ticketId: string;
  payload: string;
}

// A new fan buys one standing ticket of the event and pays with the test card.
export async function BuyTicket(eventId: number): Promise<PaidTicket> {
  const email = `buyer-${Date.now()}-${++accountCount}@e2e.test`;
  const { access_token: token } = await Call<{ access_token: string }>("POST", "/auth/register", { email, password: kPassword, name: "Buyer" });
  const order = await Call<{ order_id: number }>("POST", "/orders", { event_id: eventId, zone_id: "GA", quantity: 1 }, token);
  const start = await Call<{ provider_url: string; client_secret: string }>("POST", `/orders/${order.order_id}/pay`, undefined, token);
  const paid = await fetch(start.provider_url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_secret: start.client_secret, card: "4242424242424242" }),
  });
  if (!paid.ok) throw new Error(`tixpay refused the card: ${paid.status} ${await paid.text()}`);
  // The tickets exist once tixpay's webhook reached tixd: a moment after the card.
  for (const deadline = Date.now() + kTicketWaitMs; Date.now() < deadline; ) {
    const { tickets } = await Call<{ tickets: { ticket_id: string; qr: string | null }[] }>("GET", "/tickets", undefined, token);
    if (tickets[0]?.qr) return { ticketId: tickets[0].ticket_id, payload: tickets[0].qr };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ticket for order ${order.order_id} within ${kTicketWaitMs} ms`);
}
