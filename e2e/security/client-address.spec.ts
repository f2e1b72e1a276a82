// Issue 13 item 2, through the built console and its server entry: a sign-in with forged forwarding headers
// is recorded, and throttled, under the address the request really came from.
import { db } from "@/lib/db";
import { expect, seed, submitSignIn, test } from "../fixtures";

test("sign-in throttling keys on the socket address, not on a forged X-Forwarded-For", async ({ page }) => {
  const ws = await seed.workspace();
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.7", "X-Real-IP": "203.0.113.8", Forwarded: "for=203.0.113.9" });
  await submitSignIn(page, ws.member.email, "not-the-password");
  await expect(page.getByText("The email or password is not correct.")).toBeVisible();
  const attempt = await db.loginAttempt.findFirst({ where: { email: ws.member.email }, orderBy: { id: "desc" }, select: { clientKey: true } });
  expect(["127.0.0.1", "::1"]).toContain(attempt?.clientKey);
});
