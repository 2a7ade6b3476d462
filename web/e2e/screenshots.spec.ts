// Pictures of the main pages for docs/ and the README, at a desktop and a phone size. On demand
// only (not in make test): TIX_SCREENSHOTS=1 ../scripts/web-e2e.sh screenshots.spec.ts
import { expect, test, type Browser, type Page } from "@playwright/test";
import { join } from "node:path";
import { kAdmin } from "./support/api";
import { kRepoRoot } from "./support/processes";
import { LogIn } from "./support/staff";
import { BuyTicket, CreateOpenEvent, CreateScanner } from "./support/tickets";

const kSizes = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const kOutDir = join(kRepoRoot, "docs/screenshots");

test.skip(!process.env.TIX_SCREENSHOTS, "screenshots are taken on demand: TIX_SCREENSHOTS=1");

for (const [size, viewport] of Object.entries(kSizes)) {
  test(`screenshots at ${size} size`, async ({ browser }) => {
    const admin = await NewPage(browser, viewport);
    await LogIn(admin, kAdmin.email, kAdmin.password, "/admin/events/new");
    await admin.getByLabel("Event name").fill(`All-Star Game ${size === "phone" ? "3" : "2"}`);
    await admin.getByLabel("Series").fill("2026 MLB vs CPBL All-Star Series");
    await Shot(admin, "admin-new-event", size);
    await admin.getByRole("button", { name: "Create event" }).click();
    await expect(admin.getByTestId("queue-waiting")).toBeVisible();
    const domeUrl = admin.url().replace("/admin/events/", "/events/");

    const gateEventId = await CreateOpenEvent(`Gate demo (${size})`);
    const ticket = await BuyTicket(gateEventId);
    const scanner = await CreateScanner(size);
    const gate = await NewPage(browser, viewport);
    await LogIn(gate, scanner.email, scanner.password, "/scan");
    await gate.getByLabel("Event").selectOption(String(gateEventId));
    await gate.getByLabel("Gate name").fill("north-1");
    for (const verdict of ["admitted", "used"]) {
      await gate.getByLabel("Ticket code (type or paste)").fill(ticket.payload);
      await gate.getByRole("button", { name: "Check" }).click();
      await expect(gate.locator(`[data-result="${verdict}"]`)).toBeVisible();
      await Shot(gate, `scan-${verdict}`, size);
    }

    await admin.goto(`/admin/events/${gateEventId}`);
    await expect(admin.getByRole("cell", { name: "north-1" })).toBeVisible();
    await Shot(admin, "admin-dashboard", size);

    const fan = await NewPage(browser, viewport);
    await fan.goto("/");
    await expect(fan.getByRole("heading", { name: "Events", exact: true })).toBeVisible();
    await Shot(fan, "events", size);
    await fan.goto(domeUrl.replace(/^https?:\/\/[^/]+/, ""));
    await expect(fan.locator("[data-zone-id]").first()).toBeVisible();
    await Shot(fan, "event", size);
  });
}

async function NewPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-US", timezoneId: "Asia/Taipei" });
  return context.newPage();
}

// The viewport only (not the full page): what a person sees first, and a small PNG.
async function Shot(page: Page, name: string, size: string): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  // No focus ring from the last field typed into.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: join(kOutDir, `${name}-${size}.png`), animations: "disabled" });
}
