// Issue 12: two bidders in two browser contexts: one outbids the other, both boards update
// within a few seconds, the campaign ends and the winner sees it (and pays for what was won).
import { expect, test, type Page } from "@playwright/test";
import { CreateFlashSale } from "./support/bidding";
import { PayWithCard, RegisterFan } from "./support/fan";

// The board is pushed every ~2 s: a few seconds is the promise.
const kBoardUpdateMs = 5_000;

async function PlaceBid(page: Page, price: number): Promise<void> {
  await page.getByLabel("Your price (TWD)").fill(String(price));
  await expect(page.getByText(/Estimated score if you bid now: /)).toBeVisible();
  await page.getByRole("button", { name: "Place bid" }).click();
  await expect(page.getByText(/Bid placed: score /)).toBeVisible();
}

function BoardRow(page: Page, rank: number) {
  return page.locator(".board-table tbody tr").nth(rank - 1);
}

// Two ranks on the board (K = 2) but one item in stock: only rank 1 wins.
test("two bidders: one outbids the other, both boards follow live, the winner sees it and pays", async ({ browser }) => {
  const ann = await (await browser.newContext()).newPage();
  await RegisterFan(ann, "ann");
  const bob = await (await browser.newContext()).newPage();
  await RegisterFan(bob, "bob");
  const sale = await CreateFlashSale({ name: "E2E Sneaker", minPrice: 100, stock: 1, quota: 2, openForMs: 25_000 });

  for (const page of [ann, bob]) {
    await page.goto("/campaigns");
    await page.getByRole("link", { name: "E2E Sneaker" }).last().click();
    await expect(page).toHaveURL(new RegExp(`/campaigns/${sale.campaignId}$`));
    await expect(page.getByText("Bidding open")).toBeVisible();
    await expect(page.locator(".live-state[data-live=true]")).toBeVisible();
  }

  // Below the lowest price: refused, in words.
  await ann.getByLabel("Your price (TWD)").fill("50");
  await ann.getByRole("button", { name: "Place bid" }).click();
  await expect(ann.getByRole("alert")).toContainText("below the lowest price");

  await PlaceBid(ann, 200);
  await expect(BoardRow(bob, 1)).toContainText("Fan ann", { timeout: kBoardUpdateMs });
  await expect(ann.locator(".my-standing")).toContainText("You are winning.");

  await PlaceBid(bob, 300);
  for (const page of [ann, bob]) {
    await expect(BoardRow(page, 1)).toContainText("Fan bob", { timeout: kBoardUpdateMs });
    await expect(BoardRow(page, 2)).toContainText("Fan ann", { timeout: kBoardUpdateMs });
  }
  await expect(ann.locator(".my-standing")).toContainText("not among the winners");
  await expect(bob.locator(".my-standing")).toContainText("You are winning.");
  await expect(bob.locator(".bid-history li")).toHaveCount(1);

  // The end: each sees their own result, and the final ranking's hash checks out.
  const untilEndMs = sale.endsAtMs - Date.now() + 10_000;
  await expect(bob.locator(".result-line")).toHaveText("You won! Final rank #1.", { timeout: untilEndMs });
  await expect(ann.locator(".result-line")).toHaveText("You did not win this time. Final rank #2.");
  await expect(bob.getByTestId("final-sha256")).toHaveText(/^[0-9a-f]{64}$/);
  await bob.getByRole("button", { name: "Check the hash here" }).click();
  await expect(bob.getByText("Checked: the 2 ranks hash to the published SHA-256.")).toBeVisible();

  // The winner pays for the order through the same checkout as tickets.
  await bob.getByRole("link", { name: "Pay", exact: true }).click();
  await expect(bob).toHaveURL(/\/checkout\/\d+$/);
  await expect(bob.getByText("Pay within")).toBeVisible();
  await expect(bob.getByText("Flash sale #" + sale.campaignId + ": E2E Sneaker")).toBeVisible();
  await PayWithCard(bob, "4242424242424242");
  await expect(bob.locator("[data-order-status=paid]")).toBeVisible({ timeout: 30_000 });
  await expect(bob.getByText("Paid — thank you! Your item is yours.")).toBeVisible();
});

test("a refused bid says why: too many bids, a rate limit, a campaign not open", async ({ page }) => {
  await RegisterFan(page, "refused");
  const sale = await CreateFlashSale({ name: "E2E Refusals", minPrice: 10, stock: 1, quota: 1, openForMs: 60_000 });
  await page.goto(`/campaigns/${sale.campaignId}`);
  const refuse = (status: number, code: string) =>
    page.route("**/api/v1/bids", (route) =>
      route.fulfill({
        status,
        headers: { "Content-Type": "application/problem+json", ...(status === 429 ? { "Retry-After": "1" } : {}) },
        body: JSON.stringify({ code, status }),
      }),
    );
  await page.getByLabel("Your price (TWD)").fill("20");

  await refuse(409, "too_many_bids");
  await page.getByRole("button", { name: "Place bid" }).click();
  await expect(page.getByRole("alert")).toHaveText("You have reached the limit of 100 bids in this flash sale.");
  await page.unroute("**/api/v1/bids");

  await refuse(429, "rate_limited");
  await page.getByRole("button", { name: "Place bid" }).click();
  await expect(page.getByRole("alert")).toHaveText("Too many bids too quickly. Wait a moment and try again.");
  await page.unroute("**/api/v1/bids");

  await refuse(409, "campaign_not_active");
  await page.getByRole("button", { name: "Place bid" }).click();
  await expect(page.getByRole("alert")).toHaveText("Bidding is not open right now.");
});
