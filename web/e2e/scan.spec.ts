// A gate admits a ticket once: the second scan is refused with the first scan's time and gate.
import { expect, test } from "@playwright/test";
import { BuyTicket, CreateOpenEvent, CreateScanner } from "./support/tickets";
import { LogIn } from "./support/staff";

test("the scan page admits a ticket, then refuses it as already used", async ({ page }) => {
  const eventName = `E2E Gate ${Date.now()}`;
  const eventId = await CreateOpenEvent(eventName);
  const ticket = await BuyTicket(eventId);
  const scanner = await CreateScanner("north");
  await LogIn(page, scanner.email, scanner.password, "/scan");

  await page.getByLabel("Event").selectOption(String(eventId));
  await page.getByLabel("Gate name").fill("north-1");
  const code = page.getByLabel("Ticket code (type or paste)");
  await code.fill(ticket.payload);
  await page.getByRole("button", { name: "Check" }).click();
  const admitted = page.locator('[data-result="admitted"]');
  await expect(admitted).toContainText("Admitted");
  await expect(admitted).toContainText("at gate north-1");
  const firstScan = (await admitted.locator(".detail").last().textContent())!.replace(" at gate north-1", "");

  await code.fill(ticket.payload);
  await page.getByRole("button", { name: "Check" }).click();
  const used = page.locator('[data-result="used"]');
  await expect(used).toContainText("Already used");
  await expect(used).toContainText(`First scanned ${firstScan} at gate north-1`);

  await code.fill("not-a-ticket");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.locator('[data-result="invalid"]')).toContainText("Invalid");
});
