// The one way the app talks to tixd's REST API: JSON in and out, the session's bearer token,
// one silent refresh-and-retry on 401, problem+json turned into ApiError, and a few patient
// retries of reads when the server says it is busy (429/503 with Retry-After).
import { ApiError, NetworkError } from "./ApiError";
import { session } from "../auth/session";

export const kApiBase = "/api/v1";
// Reads are retried this many times on 429/503 before the page shows its calm retry notice.
const kReadRetriesMax = 2;
const kRetryAfterDefaultSeconds = 1;
const kRetryAfterMaxSeconds = 30;

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  body?: unknown;
  // Send the bearer token (and refresh once on 401). Public reads may skip it.
  auth?: boolean;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export async function Api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  for (let attempt = 0; ; attempt++) {
    try {
      return await SendWithSession<T>(path, options);
    } catch (error) {
      const mayRetry = method === "GET" && error instanceof ApiError && error.isRetryable;
      if (!mayRetry || attempt >= kReadRetriesMax) throw error;
      await Sleep((error.retryAfterSeconds ?? kRetryAfterDefaultSeconds) * 1000, options.signal);
    }
  }
}

async function SendWithSession<T>(path: string, options: RequestOptions): Promise<T> {
  if (!options.auth) return Send<T>(path, options, undefined);
  const token = await session.FreshAccessToken();
  try {
    return await Send<T>(path, options, token);
  } catch (error) {
    // The token may have been revoked or expired under us: one refresh, one retry.
    if (!(error instanceof ApiError) || error.status !== 401 || error.code !== "unauthorized") throw error;
    const refreshed = await session.RefreshNow(token);
    if (!refreshed) throw error;
    return Send<T>(path, options, refreshed);
  }
}

async function Send<T>(path: string, options: RequestOptions, token: string | undefined): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path.startsWith("http") ? path : kApiBase + path, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw NetworkError(cause);
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  throw await ErrorFromResponse(response);
}

// Reads problem+json (tixd) or {"error":{code}} (tixpay) into an ApiError.
export async function ErrorFromResponse(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page or an empty body: the status says enough.
  }
  const nested = body.error as { code?: string; message?: string } | undefined;
  const code = (body.code as string) ?? nested?.code ?? CodeForStatus(response.status);
  return new ApiError({
    status: response.status,
    code,
    title: (body.title as string) ?? nested?.message,
    detail: body.detail as string | undefined,
    retryAfterSeconds: RetryAfterSeconds(response),
    body,
  });
}

function CodeForStatus(status: number): string {
  if (status === 429) return "rate_limited";
  if (status === 503) return "overloaded";
  if (status >= 500) return "internal";
  return "http_" + status;
}

function RetryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get("Retry-After");
  if (!header) return response.status === 429 || response.status === 503 ? kRetryAfterDefaultSeconds : undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0), kRetryAfterMaxSeconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return kRetryAfterDefaultSeconds;
  return Math.min(Math.max((date - Date.now()) / 1000, 0), kRetryAfterMaxSeconds);
}

export function Sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

// A fresh key per user action: a retry of the same action reuses it, so the server holds once.
// (getRandomValues, not randomUUID: the latter needs a secure context, a LAN address is not one.)
export function NewIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
