// Issue 13 item 3 in the browser: an attacker's failures from everywhere stop unknown browsers at the account's
// ceiling, while the owner's browser, which signed in before (device cookie), still gets in.
import { db } from "@/lib/db";
import { expect, seed, signIn, submitSignIn, test } from "../fixtures";

/** MAX_FAILURES_PER_ACCOUNT of lib/data/login-attempts.ts (a server-only module, not importable here). */
const ACCOUNT_CEILING = 30;

test("the owner's known browser signs in past an attacker's failures; a new browser is stopped", async ({ page, browser }) => {
  const ws = await seed.workspace();
  await signIn(page, ws.owner.email);
  const device = (await page.context().cookies()).find((c) => c.name === "kh_device");
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await page.context().clearCookies({ name: "kh_session" });

  await db.loginAttempt.createMany({
    data: Array.from({ length: ACCOUNT_CEILING }, (_, i) => ({ email: ws.owner.email, clientKey: `198.51.100.${i}`, success: false })),
  });
  const stranger = await browser.newPage();
  await submitSignIn(stranger, ws.owner.email);
  await expect(stranger.getByText(/Too many failed attempts\. Try again in \d+ minutes?\./)).toBeVisible();
  await stranger.close();

  await signIn(page, ws.owner.email);
  await expect(page.getByRole("heading", { name: ws.name })).toBeVisible();
});
