import { describe, expect, it, vi } from "vitest";

vi.mock("../auth/session", () => ({ session: {} }));
const { ErrorFromResponse } = await import("./client");

function Answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers });
}

describe("ErrorFromResponse", () => {
  it("reads a problem+json code", async () => {
    const error = await ErrorFromResponse(Answer(409, { code: "sold_out", title: "Not enough tickets left", status: 409 }));
    expect(error.code).toBe("sold_out");
    expect(error.isRetryable).toBe(false);
  });

  it("reads tixpay's {error: {code}}", async () => {
    const error = await ErrorFromResponse(Answer(402, { error: { code: "card_declined", message: "declined" } }));
    expect(error.code).toBe("card_declined");
  });

  it("a busy server is retryable after its Retry-After", async () => {
    const error = await ErrorFromResponse(Answer(503, { code: "overloaded" }, { "Retry-After": "3" }));
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(3);
  });

  it("a 429 without Retry-After or body still waits a moment", async () => {
    const error = await ErrorFromResponse(new Response("", { status: 429 }));
    expect(error.code).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBe(1);
  });
});
