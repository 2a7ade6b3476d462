// A fan's steps through the app, as a person takes them (labels and buttons by their names).
import { expect, type Page } from "@playwright/test";

let fanCount = 0;

export async function RegisterFan(page: Page, tag: string): Promise<string> {
  const email = `fan-${tag}-${Date.now()}-${++fanCount}@e2e.test`;
  await page.goto("/register");
  await page.getByLabel("Name").fill(`Fan ${tag}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("Blue-Tiger-Lantern-42");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Events", exact: true })).toBeVisible();
  return email;
}

// From the event page through the waiting room and back, admitted.
export async function JoinQueueUntilAdmitted(page: Page, eventId: number): Promise<void> {
  await page.goto(`/events/${eventId}`);
  await page.getByRole("link", { name: "Join the waiting room" }).click();
  await expect(page).toHaveURL(new RegExp(`/events/${eventId}(\\?.*)?$`), { timeout: 30_000 });
  await expect(page.getByText("It's your turn!")).toBeVisible();
}

// Zone on the map → pick on the row map → the seats → hold → checkout.
export async function HoldSeatsOnMap(page: Page, zoneId: string, seatIds: string[]): Promise<void> {
  await ClickZoneOnMap(page, zoneId);
  await page.getByRole("button", { name: "Pick on the map" }).click();
  const row = seatIds[0].split("-")[1];
  await page.getByLabel("Row", { exact: true }).selectOption(row);
  for (const seatId of seatIds) {
    const seat = page.locator(`[data-seat-id="${seatId}"]`);
    await expect(seat).toHaveAttribute("data-state", "available");
    await seat.click();
    await expect(seat).toHaveAttribute("data-state", "chosen");
  }
  await page.getByRole("button", { name: `Hold ${seatIds.length} seats` }).click();
  await expect(page).toHaveURL(/\/checkout\/\d+$/);
}

export async function PayWithCard(page: Page, card: string): Promise<void> {
  await page.getByLabel("Card number").fill(card);
  await page.getByRole("button", { name: /^Pay / }).click();
}

// A second person watching the zone's seats live.
export async function WatchSeats(page: Page, eventId: number, zoneId: string, row: string): Promise<void> {
  await page.goto(`/events/${eventId}?zone=${zoneId}`);
  await page.getByRole("button", { name: "Pick on the map" }).click();
  await page.getByLabel("Row", { exact: true }).selectOption(row);
}

// A zone is a ring sector (or a whole ring): the middle of its box may be the field, so the
// click lands where its label is drawn, on the zone itself.
export async function ClickZoneOnMap(page: Page, zoneId: string): Promise<void> {
  const zone = page.locator(`[data-zone-id="${zoneId}"]`);
  const box = (await zone.boundingBox())!;
  const label = (await zone.locator("text").boundingBox())!;
  await zone.click({ position: { x: label.x + label.width / 2 - box.x, y: label.y + label.height / 2 - box.y } });
}
