// An organizer creates an event from the Taipei Dome template; fans see it on their list.
import { expect, test } from "@playwright/test";
import { kAdmin } from "./support/api";
import { LogIn } from "./support/staff";

test("an admin creates an event from the Taipei Dome template and fans see it", async ({ browser }) => {
  const name = `E2E Dome Night ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await LogIn(admin, kAdmin.email, kAdmin.password, "/admin/events/new");

  // The template: the demo's zones and rows are there before anything is typed.
  await expect(admin.getByLabel("INF1 Rows")).toHaveValue("25");
  await expect(admin.getByLabel("STAND Capacity")).toHaveValue("3000");
  await expect(admin.getByLabel("Venue")).toHaveValue("Taipei Dome");
  await admin.getByLabel("Event name").fill(name);
  await admin.getByRole("button", { name: "Create event" }).click();

  // The new event's dashboard: live sales, the waiting room's figures, check-ins.
  await expect(admin.getByRole("heading", { name })).toBeVisible();
  await expect(admin.getByRole("cell", { name: "Upper level" })).toBeVisible();
  await expect(admin.getByTestId("queue-waiting")).toHaveText("0");
  await admin.getByRole("button", { name: "Pause admissions" }).click();
  await expect(admin.getByRole("button", { name: "Resume admissions" })).toBeVisible();

  const fan = await (await browser.newContext()).newPage();
  await fan.goto("/");
  await expect(fan.getByRole("link", { name })).toBeVisible();
});

test("the organizer pages are hidden from a fan", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Organizer" })).toHaveCount(0);
});
