import { db } from "@/lib/db";
import { expect, screenshot, seed, test } from "../fixtures";
import { signInAs } from "./seed";

test("cache and rotation settings explain and validate their values; the egress policy takes a mode and IPs, CIDRs and host[:port] entries", async ({
  page,
}) => {
  const ws = await seed.workspace();
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/settings`);
  await expect(page.getByText("How long a value fetched from your secrets manager stays in server memory")).toBeVisible();
  await expect(page.getByText("0 disables it.")).toBeVisible();
  const counters = page.getByLabel("Cache counters").getByRole("definition");
  await expect(counters).toHaveCount(6);

  const cache = page.getByRole("form", { name: "Cache settings" });
  await cache.getByLabel("Cache TTL (minutes)").fill("0");
  await cache.getByRole("button", { name: "Save cache settings" }).click();
  await expect(cache.getByText("At least 1 minute.")).toBeVisible();
  await expect(cache.getByLabel("Cache TTL (minutes)")).toHaveValue("0");
  await cache.getByLabel("Cache TTL (minutes)").fill("30");
  await cache.getByLabel("Outage grace (minutes)").fill("0");
  await cache.getByRole("button", { name: "Save cache settings" }).click();
  await expect(cache.getByRole("status")).toHaveText("Cache settings saved. They apply to values fetched from now on.");
  expect(await db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({ cacheTtlMinutes: 30, outageGraceMinutes: 0 });

  // Rotation settings: a refused value stays on screen next to its message.
  const rotation = page.getByRole("form", { name: "Rotation settings" });
  await rotation.getByLabel("Rotation poll (seconds)").fill("5");
  await rotation.getByRole("button", { name: "Save rotation settings" }).click();
  await expect(rotation.getByText("0 (off), or from 10 seconds to 1 hour (3600).")).toBeVisible();
  await expect(rotation.getByLabel("Rotation poll (seconds)")).toHaveValue("5");
  await rotation.getByLabel("Rotation poll (seconds)").fill("120");
  await rotation.getByLabel("Warn before expiry (days)").fill("21");
  await rotation.getByRole("button", { name: "Save rotation settings" }).click();
  await expect(rotation.getByRole("status")).toHaveText("Rotation settings saved. The next poll uses them.");
  expect(await db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({ rotationPollSeconds: 120, expiryWarnDays: 21 });

  const egress = page.getByRole("form", { name: "Egress policy" });
  await expect(egress.getByLabel("Allowed addresses")).toHaveValue("127.0.0.1");
  await expect(egress.getByRole("radio", { name: /Public addresses only/ })).toBeChecked();
  await egress.getByLabel("Allowed addresses").fill("127.0.0.1\nhttp://localhost");
  await egress.getByRole("button", { name: "Save egress policy" }).click();
  await expect(egress.getByText(/Each entry is an IP address, a CIDR range or a host name/)).toBeVisible();
  await egress.getByRole("radio", { name: /Public and private networks/ }).check();
  await egress.getByLabel("Allowed addresses").fill("127.0.0.1\n10.0.0.0/8, ::1\nvault.internal:8200");
  await egress.getByRole("button", { name: "Save egress policy" }).click();
  await expect(egress.getByRole("status")).toHaveText("Egress policy saved.");
  expect(await db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({
    egressMode: "public+private",
    egressAllowList: ["127.0.0.1", "10.0.0.0/8", "::1", "vault.internal:8200"],
  });
  await page.reload();
  await expect(page.getByLabel("Cache TTL (minutes)")).toHaveValue("30");
  await screenshot(page, "settings-general");
});
