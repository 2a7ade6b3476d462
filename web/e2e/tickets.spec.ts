// Best available in a standing zone, then giving the ticket to a friend: the friend's My tickets
// shows it with a QR code, the buyer's shows it given away.
import { expect, test } from "@playwright/test";
import { CreateQueuedEvent } from "./support/api";
import { ClickZoneOnMap, JoinQueueUntilAdmitted, PayWithCard, RegisterFan } from "./support/fan";

test("a fan buys a standing ticket (best available) and transfers it to a friend", async ({ browser }) => {
  const eventId = await CreateQueuedEvent("E2E Game: transfer");
  const friend = await (await browser.newContext()).newPage();
  const friendEmail = await RegisterFan(friend, "friend");
  const fan = await (await browser.newContext()).newPage();
  await RegisterFan(fan, "giver");
  await JoinQueueUntilAdmitted(fan, eventId);

  await ClickZoneOnMap(fan, "GA");
  await fan.getByLabel("Tickets").selectOption("1");
  await fan.getByRole("button", { name: "Hold 1 ticket" }).click();
  await expect(fan).toHaveURL(/\/checkout\/\d+$/);
  await PayWithCard(fan, "4242424242424242");
  await expect(fan.locator("img.qr")).toHaveCount(1);

  await fan.goto("/tickets");
  await fan.getByRole("button", { name: "Give this ticket to someone" }).click();
  await fan.getByLabel("Their email").fill(friendEmail);
  fan.once("dialog", (dialog) => void dialog.accept());
  await fan.getByRole("button", { name: "Send ticket" }).click();
  await expect(fan.getByText(`Sent to ${friendEmail}.`)).toBeVisible();
  await expect(fan.getByText("No tickets yet.")).toBeVisible();
  // The order still lists it, given away and without its code.
  await fan.getByRole("link", { name: "My orders" }).click();
  await fan.getByRole("link", { name: "View tickets" }).click();
  await expect(fan.getByText("Given away")).toBeVisible();
  await expect(fan.locator("img.qr")).toHaveCount(0);

  await friend.goto("/tickets");
  await expect(friend.locator("img.qr")).toHaveCount(1);
  await expect(friend.getByText("Zone GA (standing)")).toBeVisible();
});
