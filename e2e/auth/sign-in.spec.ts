import { db } from "@/lib/db";
import { E2E_ADMIN } from "../support/e2e-env";
import { expect, PASSWORD, screenshot, seed, signIn, submitSignIn, test } from "../fixtures";

test("an admin signs in, sees the demo projects, and signs out", async ({ page }) => {
  await page.goto("/login");
  await screenshot(page, "sign-in");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Demo workspace" })).toBeVisible();
  const projects = page.getByRole("region", { name: "Projects" });
  for (const name of ["Payments", "Analytics", "Platform", "Marketing"]) {
    await expect(projects.getByRole("link", { name })).toBeVisible();
  }
  await screenshot(page, "workspace-overview");
  await projects.getByRole("link", { name: "Payments" }).click();
  await expect(page.getByRole("heading", { name: "Payments" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Payments API" })).toBeVisible();
  await screenshot(page, "project-connections");
  await page.getByRole("link", { name: "Settings", exact: true }).first().click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password shows an error, and repeated failures from one client are slowed down", async ({ page }) => {
  const ws = await seed.workspace();
  for (let i = 0; i < 3; i++) {
    await submitSignIn(page, ws.admin.email, "not-the-password");
    await expect(page.getByText("The email or password is not correct.")).toBeVisible();
  }
  await screenshot(page, "sign-in-wrong-password");
  // After the 3rd failure this client waits (4 s, then doubling): no lockout, a delay (lib/data/login-attempts.ts).
  await submitSignIn(page, ws.admin.email, PASSWORD);
  await expect(page.getByText(/Too many failed attempts\. Wait \d+ seconds? and try again\./)).toBeVisible();
  await screenshot(page, "sign-in-throttled");
  expect(await db.session.count({ where: { userId: ws.admin.id } })).toBe(0);
});

test("unauthenticated URLs redirect to sign-in", async ({ page, request }) => {
  const ws = await seed.workspace();
  for (const path of [
    `/w/${ws.id}`,
    `/w/${ws.id}/settings/users`,
    `/w/${ws.id}/p/${ws.projects[0]!.id}/connections`,
    `/w/${ws.id}/audit`,
    "/account/password",
  ]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/login$/);
  }
  const health = await request.get("/api/health");
  expect(await health.json()).toEqual({ status: "ok" });
  const ready = await request.get("/api/ready");
  expect(await ready.json()).toMatchObject({ status: "ready" });
});

test("the session cookie is HttpOnly and SameSite, and sign-in replaces a planted one", async ({ page, context }) => {
  const ws = await seed.workspace();
  await context.addCookies([{ name: "kh_session", value: "planted-by-an-attacker", domain: "localhost", path: "/" }]);
  await signIn(page, ws.owner.email);
  await expect(page.getByRole("heading", { name: ws.name })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "kh_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.value).not.toBe("planted-by-an-attacker");
  expect(cookie?.value.length).toBeGreaterThanOrEqual(40);
});
