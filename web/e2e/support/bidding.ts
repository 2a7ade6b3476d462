// Flash sales set up through the admin API (docs/api.md "Bidding flash-sales"): a product and
// a short campaign that is open at once. Its own admin login, so api.ts stays as it is.
import { kAdmin } from "./api";

function TixdUrl(): string {
  const url = process.env.TIX_E2E_TIXD_URL;
  if (!url) throw new Error("TIX_E2E_TIXD_URL is not set: run through playwright.config.ts");
  return url;
}

async function Call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${TixdUrl()}/api/v1${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function AdminToken(): Promise<string> {
  const answer = await Call<{ access_token: string }>("POST", "/auth/login", kAdmin);
  return answer.access_token;
}

export interface FlashSale {
  campaignId: number;
  productId: number;
  endsAtMs: number;
}

export interface FlashSaleOptions {
  name: string;
  minPrice: number;
  stock: number;
  quota: number;
  openForMs: number;
}

// Open from a second ago (a start in the past is allowed) for `openForMs`.
export async function CreateFlashSale(options: FlashSaleOptions): Promise<FlashSale> {
  const token = await AdminToken();
  const product = await Call<{ product_id: number }>("POST", "/products", {
    name: options.name,
    description: "Made for the browser tests",
    stock: options.stock,
    min_price: options.minPrice,
    currency: "TWD",
  }, token);
  const now = Date.now();
  const endsAtMs = Math.ceil((now + options.openForMs) / 1000) * 1000;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const campaign = await Call<{ campaign_id: number }>("POST", "/campaigns", {
    product_id: product.product_id,
    start_time: iso(now - 1_000),
    end_time: iso(endsAtMs),
    quota: options.quota,
  }, token);
  return { campaignId: campaign.campaign_id, productId: product.product_id, endsAtMs };
}
