// Issue 13 item 10: every page carries a Content-Security-Policy whose per-request nonce is on each script
// Next rendered (no 'unsafe-inline' scripts), framing is refused, browser features are switched off, and
// content-hashed build assets keep immutable caching. The console still hydrates and signs in under it.
import { E2E_ADMIN } from "../support/e2e-env";
import { expect, signIn, test } from "../fixtures";

function nonceOf(csp: string): string {
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  if (!nonce) throw new Error(`no nonce in ${csp}`);
  return nonce;
}

test("pages put a fresh CSP nonce on every script, and /_next/static stays immutable", async ({ request }) => {
  const res = await request.get("/login");
  const headers = res.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = nonceOf(csp);
  const scriptSrc =
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc).toContain(`'nonce-${nonce}'`);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["cache-control"]).toBe("no-store");

  const scripts = [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(3);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const again = nonceOf((await request.get("/login")).headers()["content-security-policy"] ?? "");
  expect(again).not.toBe(nonce);

  const asset = /src="(\/_next\/static\/[^"]+)"/.exec(scripts.join(" "))?.[1];
  expect(asset).toBeTruthy();
  const assetRes = await request.get(asset!);
  expect(assetRes.status()).toBe(200);
  expect(assetRes.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});

test("the console hydrates and its forms work under the CSP, with no violation reported", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Demo workspace" })).toBeVisible();
  await page.getByRole("link", { name: "Payments" }).first().click();
  await expect(page.getByRole("heading", { name: "Payments" })).toBeVisible();
  expect(violations).toEqual([]);
});
