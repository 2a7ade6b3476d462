// An API failure as the app sees it: the problem+json `code` (stable, what we switch on), the
// HTTP status, and how long the server asked us to wait (Retry-After) when it is busy.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly retryAfterSeconds?: number;
  readonly body?: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string;
    retryAfterSeconds?: number;
    body?: Record<string, unknown>;
  }) {
    super(init.title ?? init.code);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.body = init.body;
  }

  // Busy, not broken: the same request will likely work after Retry-After.
  get isRetryable(): boolean {
    return this.status === 429 || this.status === 503 || this.status === 502 || this.code === "network";
  }
}

// A network failure (server down, connection reset) looks like a busy server to the user.
export function NetworkError(cause: unknown): ApiError {
  return new ApiError({ status: 0, code: "network", title: String(cause), retryAfterSeconds: 2 });
}

export function IsApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
