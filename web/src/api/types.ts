// The shapes of tixd's answers that the fan pages use (docs/api.md is the reference).

export interface Row {
  row: string;
  seats: number;
}

export interface Zone {
  zone_id: string;
  name: string;
  kind: "seated" | "ga";
  price: number;
  price_minor: number;
  currency: string;
  capacity: number;
  row_count?: number;
  rows?: Row[];
}

export interface QueueConfig {
  opens_at: string;
  sale_starts_at: string;
  admit_per_minute: number;
  active_max: number;
  admission_seconds: number;
  pow_bits: number;
  paused: boolean;
}

export interface TixEvent {
  event_id: number;
  name: string;
  series?: string | null;
  venue: string;
  starts_at: string;
  sale_starts_at: string;
  sale_ends_at?: string | null;
  max_per_user: number;
  hold_seconds: number;
  rotating_qr?: boolean;
  zones: Zone[];
  queue?: QueueConfig | null;
}

export interface ZoneCounts {
  zone_id: string;
  kind: "seated" | "ga";
  capacity: number;
  available: number;
  held: number;
  sold: number;
  // With ?seats=true, seated zones: one character per seat, A available, H held, S sold.
  rows?: { row: string; states: string }[];
}

export interface Availability {
  event_id: number;
  version?: number;
  zones: ZoneCounts[];
}

export type OrderStatus =
  | "held" | "payment_pending" | "paid" | "refund_pending" | "refunded" | "cancelled" | "expired"
  | "awaiting_payment"; // a won campaign order before its payment starts

export interface Order {
  kind: "ticket" | "campaign";
  order_id: number;
  user_id: number;
  event_id?: number;
  zone_id?: string;
  status: OrderStatus;
  quantity?: number;
  seats?: string[];
  amount?: number;
  amount_minor?: number;
  currency: string;
  created_at: string;
  updated_at?: string;
  expires_at?: string | null;
  // Campaign orders (bidding): the price won, the rank, and the deadline to pay by.
  campaign_id?: number;
  product_id?: number;
  final_price?: number;
  final_rank?: number;
  pay_by?: string | null;
}

export interface OrderPage {
  orders: Order[];
  next_cursor: string | null;
}

export interface PaymentStart {
  payment_id: string;
  client_secret: string;
  provider_url: string;
  amount_minor: number;
  currency: string;
  expires_at: string;
  payment_status: string;
  order: Order;
}

export type QueueStatus = "waiting" | "admitted" | "expired" | "sold_out" | "paid" | "removed";

export interface QueueMe {
  event_id: number;
  entry_id: number;
  status: QueueStatus;
  position: number | null;
  ahead: number | null;
  estimated_wait_seconds: number | null;
  poll_after_ms: number;
  admission_expires_at: string | null;
  draw_rank: number | null;
}

export interface Challenge {
  challenge: string;
  bits: number;
  expires_at: string;
}

export interface Ticket {
  ticket_id: string;
  event_id: number;
  order_id: number;
  zone_id: string;
  seat: string | null;
  status: "valid" | "used" | "revoked";
  version: number;
  holder_id: number;
  issued_at: string;
  rotating_qr: boolean;
  qr: string | null;
  qr_refresh_at?: string;
  transferred?: boolean;
  checked_in?: { scanned_at: string; gate: string; online: boolean };
}
