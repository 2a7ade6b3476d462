// A busy server is met calmly: a 503 `overloaded` or a 429 shows a notice that waits out the
// Retry-After and tries again by itself, and the page then works. The answers are made busy
// by the browser's request interception; everything else is the real tixd.
import { expect, test } from "@playwright/test";
import { CreateQueuedEvent } from "./support/api";

test("the events page waits out a 503 overloaded and then shows the events", async ({ page }) => {
  await CreateQueuedEvent("E2E Game: busy");
  let refusals = 0;
  await page.route("**/api/v1/events", async (route) => {
    // The client retries reads twice by itself: refuse enough times to reach the notice.
    if (refusals++ < 3) {
      await route.fulfill({
        status: 503,
        headers: { "Content-Type": "application/problem+json", "Retry-After": "1" },
        body: JSON.stringify({ type: "urn:tix:problem:overloaded", title: "Overloaded", status: 503, code: "overloaded" }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto("/");
  await expect(page.getByRole("status").filter({ hasText: "Lots of people are buying right now" })).toBeVisible();
  await expect(page.getByRole("link", { name: "E2E Game: busy" }).first()).toBeVisible({ timeout: 10_000 });
  expect(refusals).toBeGreaterThanOrEqual(4);
});

test("a 429 on login says when to try again, not that something broke", async ({ page }) => {
  await page.route("**/api/v1/auth/login", (route) =>
    route.fulfill({
      status: 429,
      headers: { "Content-Type": "application/problem+json", "Retry-After": "2" },
      body: JSON.stringify({ code: "rate_limited", status: 429, title: "Too many requests" }),
    }),
  );
  await page.goto("/login");
  await page.getByLabel("Email").fill("someone@e2e.test");
  await page.getByLabel("Password").fill("whatever-it-is-1");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Lots of people are buying right now")).toBeVisible();
  await expect(page.getByText(/Trying again in 0:0[12]/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toBeHidden();
});
