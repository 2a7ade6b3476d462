// Token refresh without the user noticing: tixd runs with 60-second access tokens here; the page
// renews its token before it expires and keeps working, with no trip to the login page.
import { expect, test } from "@playwright/test";
import { kAccessTokenSeconds } from "./support/api";
import { RegisterFan } from "./support/fan";

test("the session renews its access token silently and the pages keep working past its lifetime", async ({ page }) => {
  test.setTimeout(kAccessTokenSeconds * 1000 + 60_000);
  await RegisterFan(page, "session");
  const tokenOf = () => page.evaluate(() => JSON.parse(localStorage.getItem("tix.session") ?? "{}").accessToken as string);
  const first = await tokenOf();
  await page.goto("/tickets");
  await expect(page.getByText("No tickets yet.")).toBeVisible();

  // Past the first token's lifetime.
  await page.waitForTimeout(kAccessTokenSeconds * 1000 + 2_000);
  expect(await tokenOf()).not.toBe(first);
  await page.getByRole("link", { name: "My orders" }).click();
  await expect(page.getByText("No orders yet.")).toBeVisible();
  await expect(page).toHaveURL(/\/orders$/);
});
