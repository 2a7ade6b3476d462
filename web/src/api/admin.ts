// Organizer (admin) and gate (scanner) calls. The server enforces the roles; the pages only
// hide what a role may not use.
import { Api } from "./client";
import type { TixEvent } from "./types";
import type {
  Campaign, CheckinAdmitted, CheckinFigures, NewCampaign, NewEvent, NewProduct, Product, QueueChange, QueueFigures, ReconcileReport,
} from "./adminTypes";

export const AdminApi = {
  CreateEvent: (event: NewEvent) => Api<TixEvent>("/events", { method: "POST", body: event, auth: true }),
  Queue: (eventId: number) => Api<QueueFigures>(`/events/${eventId}/queue`),
  ChangeQueue: (eventId: number, change: QueueChange) =>
    Api<QueueFigures>(`/events/${eventId}/queue`, { method: "PATCH", body: change, auth: true }),
  Checkins: (eventId: number) => Api<CheckinFigures>(`/events/${eventId}/checkin`, { auth: true }),
  Reconcile: () => Api<ReconcileReport>("/admin/reconcile", { method: "POST", auth: true }),
  Products: () => Api<{ products: Product[] }>("/products").then((a) => a.products),
  CreateProduct: (product: NewProduct) => Api<Product>("/products", { method: "POST", body: product, auth: true }),
  Campaigns: () => Api<{ campaigns: Campaign[] }>("/campaigns").then((a) => a.campaigns),
  CreateCampaign: (campaign: NewCampaign) => Api<Campaign>("/campaigns", { method: "POST", body: campaign, auth: true }),
};

export const GateApi = {
  // One scan at a gate. Refusals come back as ApiError (409 already_checked_in with first_scan,
  // 410 ticket_revoked, 400 invalid_ticket, 403 wrong_event, 422 code_expired).
  CheckIn: (eventId: number, payload: string, gate: string) =>
    Api<CheckinAdmitted>(`/events/${eventId}/checkin`, { method: "POST", body: { payload, gate }, auth: true }),
};
