// What the tests set up through the API rather than the browser: events, made by the admin.
export const kAccessTokenSeconds = 60;
export const kAdmin = { email: "admin@e2e.test", password: "E2e-admin-Passw0rd!" };

function TixdUrl(): string {
  const url = process.env.TIX_E2E_TIXD_URL;
  if (!url) throw new Error("TIX_E2E_TIXD_URL is not set: run through playwright.config.ts");
  return url;
}

export async function Call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${TixdUrl()}/api/v1${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

// Kept while comfortably fresh: the run's access tokens live only kAccessTokenSeconds.
let adminToken: { token: string; expiresAtMs: number } | undefined;
export async function AdminToken(): Promise<string> {
  if (!adminToken || adminToken.expiresAtMs - Date.now() < 10_000) {
    const answer = await Call<{ access_token: string; expires_in: number }>("POST", "/auth/login", kAdmin);
    adminToken = { token: answer.access_token, expiresAtMs: Date.now() + answer.expires_in * 1000 };
  }
  return adminToken.token;
}

export interface EventOptions {
  holdSeconds?: number;
}

// An event on sale now, behind a waiting room that admits at once: a seated zone of two
// 10-seat rows and a standing zone. A light proof of work keeps the join quick but real.
export async function CreateQueuedEvent(name: string, options: EventOptions = {}): Promise<number> {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const event = await Call<{ event_id: number }>("POST", "/events", {
    name,
    series: "E2E Series",
    venue: "Taipei Dome",
    starts_at: iso(now + 7 * 86_400_000),
    sale_starts_at: iso(now - 30_000),
    max_per_user: 4,
    hold_seconds: options.holdSeconds ?? 600,
    zones: [
      { zone_id: "INF", name: "Infield", price: 4200, currency: "TWD", kind: "seated", rows: [{ row: "A", seats: 10 }, { row: "B", seats: 10 }] },
      { zone_id: "GA", name: "Standing", price: 800, currency: "TWD", kind: "ga", capacity: 50 },
    ],
    queue: { opens_at: iso(now - 60_000), admit_per_minute: 6000, active_max: 100, admission_seconds: 600, pow_bits: 10 },
  }, await AdminToken());
  return event.event_id;
}
