// The shapes of tixd's organizer and gate answers (docs/api.md is the reference).
import type { QueueConfig } from "./types";

export interface NewZone {
  zone_id: string;
  name: string;
  price: number;
  currency: string;
  kind: "seated" | "ga";
  capacity?: number;
  rows?: { row: string; seats: number }[];
}

export interface NewEvent {
  name: string;
  series?: string;
  venue: string;
  starts_at: string;
  sale_starts_at: string;
  sale_ends_at?: string;
  max_per_user: number;
  hold_seconds: number;
  zones: NewZone[];
  queue?: Partial<QueueConfig> & { opens_at: string };
}

// GET /events/{id}/queue: the settings plus the live figures.
export interface QueueFigures extends QueueConfig {
  event_id: number;
  waiting: number;
  admitted_active: number;
  admitted_total: number;
  outflow_per_minute: number;
  drawn: boolean;
  draw_size: number;
}

export type QueueChange = Partial<Pick<QueueConfig, "admit_per_minute" | "active_max" | "admission_seconds" | "pow_bits" | "paused">>;

export interface CheckinFigures {
  event_id: number;
  issued: number;
  revoked: number;
  admitted: number;
  double_entry_attempts: number;
  gates: { gate: string; admitted: number; double_entries: number }[];
  zones: { zone_id: string; admitted: number }[];
}

export interface Mismatch {
  kind: string;
  order_id: number | null;
  payment_id: string | null;
  detail: string;
  action: string;
}

export interface ReconcileReport {
  started_at: string;
  finished_at: string;
  provider_events: number;
  provider_intents: number;
  orders_checked: number;
  mismatches: Mismatch[];
  error?: string;
}

export interface NewProduct {
  name: string;
  description?: string;
  image_url?: string;
  stock: number;
  min_price: number;
  currency?: string;
}

export interface Product extends NewProduct {
  product_id: number;
  initial_stock: number;
  created_at: string;
}

export interface NewCampaign {
  product_id: number;
  start_time: string;
  end_time: string;
  quota: number;
  alpha?: number;
  beta?: number;
  gamma?: number;
}

export interface Campaign extends NewCampaign {
  campaign_id: number;
  status: string;
  participants: number;
  bids: number;
}

export interface CheckinAdmitted {
  result: "admitted";
  ticket_id: string;
  event_id: number;
  zone_id: string;
  seat: string | null;
  holder_name?: string;
  gate: string;
  scanned_at: string;
}
