// The fan's path of issue 12, in a real browser against a real tixd and tixpay.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { CreateQueuedEvent } from "./support/api";
import { HoldSeatsOnMap, JoinQueueUntilAdmitted, PayWithCard, RegisterFan, WatchSeats } from "./support/fan";

const kSuccessCard = "4242424242424242";
const kDeclinedCard = "4000000000000002";
const kInteractiveBudgetMs = Number(process.env.TIX_E2E_TTI_BUDGET_MS ?? 1000);

test("a fan queues, picks two adjacent seats on the map, pays and gets two QR codes; another browser sees them sold live", async ({ browser }) => {
  const eventId = await CreateQueuedEvent("E2E Game: success");
  const fan = await (await browser.newContext()).newPage();
  const watcher = await (await browser.newContext()).newPage();

  await RegisterFan(fan, "buyer");
  await JoinQueueUntilAdmitted(fan, eventId);

  await WatchSeats(watcher, eventId, "INF", "A");
  await expect(watcher.locator('[data-seat-id="INF-A-5"]')).toHaveAttribute("data-state", "available");

  await HoldSeatsOnMap(fan, "INF", ["INF-A-5", "INF-A-6"]);
  await expect(fan.getByText("Your seats are held for")).toBeVisible();
  // Held by the fan: the watcher sees it without reloading.
  await expect(watcher.locator('[data-seat-id="INF-A-5"]')).toHaveAttribute("data-state", "held");

  await PayWithCard(fan, kSuccessCard);
  await expect(fan.getByText("Paid — here are your tickets.")).toBeVisible();
  await expect(fan.locator("img.qr")).toHaveCount(2);

  for (const seat of ["INF-A-5", "INF-A-6"]) {
    await expect(watcher.locator(`[data-seat-id="${seat}"]`)).toHaveAttribute("data-state", "sold");
  }
  await expect(watcher.locator('[data-zone-left="INF"]')).toHaveText("18");

  await fan.getByRole("link", { name: "My tickets" }).first().click();
  await expect(fan.locator("img.qr")).toHaveCount(2);
});

test("a declined card shows the error and the seats stay held until the hold deadline", async ({ browser }) => {
  const holdSeconds = 25;
  const eventId = await CreateQueuedEvent("E2E Game: declined", { holdSeconds });
  const fan = await (await browser.newContext()).newPage();
  const watcher = await (await browser.newContext()).newPage();

  await RegisterFan(fan, "declined");
  await JoinQueueUntilAdmitted(fan, eventId);
  await WatchSeats(watcher, eventId, "INF", "B");
  await HoldSeatsOnMap(fan, "INF", ["INF-B-3", "INF-B-4"]);
  const heldAt = Date.now();

  await PayWithCard(fan, kDeclinedCard);
  await expect(fan.getByRole("alert")).toContainText("Your card was declined");
  await expect(fan.locator('[data-order-status="held"]')).toBeVisible();
  for (const seat of ["INF-B-3", "INF-B-4"]) {
    await expect(watcher.locator(`[data-seat-id="${seat}"]`)).toHaveAttribute("data-state", "held");
  }

  // Still held just before the deadline, back on sale after it.
  const untilJustBefore = heldAt + (holdSeconds - 3) * 1000 - Date.now();
  if (untilJustBefore > 0) await watcher.waitForTimeout(untilJustBefore);
  await expect(watcher.locator('[data-seat-id="INF-B-3"]')).toHaveAttribute("data-state", "held", { timeout: 1000 });
  await expect(watcher.locator('[data-seat-id="INF-B-3"]')).toHaveAttribute("data-state", "available", { timeout: 20_000 });
  await expect(fan.getByText("The hold expired and the seats went back on sale.")).toBeVisible({ timeout: 20_000 });
});

// Where the time went: when each request of the load finished (ms after navigation start).
// A measurement, not a timed test: the figure is printed (and published in docs/performance.md);
// it fails only if the page never becomes interactive. A busy CI machine must not turn a slow
// scheduler into a red build; TIX_E2E_TTI_BUDGET_MS makes it a gate where the machine is known.
test("the event page becomes interactive (venue map drawn with live counts); its time is reported", async ({ browser }) => {
  const eventId = await CreateQueuedEvent("E2E Game: time to interactive");
  // Fresh loads (a new context each: a cold cache), the median of three.
  const interactiveMs = await MedianInteractiveMs(browser, `/events/${eventId}`, 3);
  console.log(`event page interactive ${Math.round(interactiveMs)} ms after navigation start (median of 3 cold loads; budget ${kInteractiveBudgetMs} ms)`);
  if (process.env.TIX_E2E_TTI_BUDGET_MS) expect(interactiveMs).toBeLessThan(kInteractiveBudgetMs);
});

async function LoadBreakdown(page: Page): Promise<string> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const parts = [`html ${Math.round(nav.responseEnd)}`, `dom ${Math.round(nav.domContentLoadedEventEnd)}`];
    for (const entry of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
      const name = entry.name.replace(location.origin, "").replace(/-[\w-]{8}\.(js|css)$/, ".$1");
      parts.push(`${name} ${Math.round(entry.startTime)}→${Math.round(entry.responseEnd)}`);
    }
    return parts.join(", ");
  });
}

async function MedianInteractiveMs(browser: Browser, path: string, loads: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(path);
    await expect(page.locator('svg[data-ready="true"]')).toBeVisible();
    times.push(await page.evaluate(() => performance.getEntriesByName("venue-map-interactive")[0].startTime));
    console.log(`  load ${i + 1}: ${await LoadBreakdown(page)}, interactive ${Math.round(times[i])}`);
    await context.close();
  }
  return times.sort((a, b) => a - b)[Math.floor(loads / 2)];
}
