import { db } from "@/lib/db";
import { expect, PASSWORD, screenshot, seed, signIn, submitSignIn, test } from "../fixtures";

test("a member is refused workspace settings, by URL and by posting the server action directly", async ({ browser }) => {
  const ws = await seed.workspace();

  // The admin adds a user once, so we learn the server action's id from a real request.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ws.admin.email);
  await admin.goto(`/w/${ws.id}/settings/users`);
  const actionRequest = admin.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await admin.getByRole("button", { name: "Add user" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("Email").fill(`first-${ws.id}@e2e.keyhold.local`);
  await dialog.getByLabel("Name").fill("First");
  await dialog.getByRole("button", { name: "Add user" }).click();
  const captured = await actionRequest;
  const actionId = captured.headers()["next-action"]!;
  const contentType = captured.headers()["content-type"]!;
  const body = captured.postData()!;
  await expect(dialog.getByTestId("one-time-password")).toBeVisible();
  await adminContext.close();

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, ws.member.email);
  await expect(member.getByRole("heading", { name: ws.name })).toBeVisible();
  await expect(member.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  await screenshot(member, "member-overview");

  for (const path of [`/w/${ws.id}/settings`, `/w/${ws.id}/settings/users`, `/w/${ws.id}/audit`]) {
    const response = await member.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(member.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  await screenshot(member, "member-refused-settings");

  // A project they are not in does not exist for them.
  const hidden = await member.goto(`/w/${ws.id}/p/${ws.projects[1]!.id}/connections`);
  expect(hidden?.status()).toBe(404);

  const sneaky = `sneaky-${ws.id}@e2e.keyhold.local`;
  // Replay the admin's exact request with the member's session: only the email differs.
  const response = await member.request.post(`/w/${ws.id}/settings/users`, {
    headers: { "Next-Action": actionId, Accept: "text/x-component", "Content-Type": contentType },
    data: body.replace(`first-${ws.id}@e2e.keyhold.local`, sneaky),
  });
  expect(await response.text()).toContain("Only workspace owners and admins can do this.");
  expect(await db.user.findUnique({ where: { email: sneaky } })).toBeNull();
  await memberContext.close();
});

test("an admin adds a user, who signs in with the one-time password and must set their own", async ({ page, browser }) => {
  const ws = await seed.workspace();
  const email = `newcomer-${ws.id}@e2e.keyhold.local`;
  await signIn(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/settings/users`);
  await screenshot(page, "settings-users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill("Newcomer");
  await dialog.getByLabel("Workspace role").selectOption("member");
  await dialog.getByLabel(ws.projects[0]!.name).selectOption("editor");
  await screenshot(page, "add-user-dialog");
  await dialog.getByRole("button", { name: "Add user" }).click();
  const otp = (await dialog.getByTestId("one-time-password").textContent())!.trim();
  expect(otp).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
  await screenshot(page, "add-user-one-time-password");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("cell", { name: /Newcomer/ })).toBeVisible();
  await expect(page.getByText("Invited")).toBeVisible();

  const ctx = await browser.newContext();
  const newcomer = await ctx.newPage();
  await signIn(newcomer, email, otp);
  await expect(newcomer).toHaveURL(/\/account\/password$/);
  await expect(newcomer.getByRole("heading", { name: "Set your password" })).toBeVisible();
  // Until they do, the console is closed to them.
  await newcomer.goto(`/w/${ws.id}`);
  await expect(newcomer).toHaveURL(/\/account\/password$/);
  await screenshot(newcomer, "set-password");
  await newcomer.getByLabel("One-time password").fill(otp);
  await newcomer.getByLabel("New password", { exact: true }).fill("short");
  await newcomer.getByLabel("Repeat new password").fill("short");
  await newcomer.getByRole("button", { name: "Set password and continue" }).click();
  await expect(newcomer.getByText("Use at least 12 characters.")).toBeVisible();
  await newcomer.getByLabel("One-time password").fill(otp);
  await newcomer.getByLabel("New password", { exact: true }).fill("newcomer-chosen-pass");
  await newcomer.getByLabel("Repeat new password").fill("newcomer-chosen-pass");
  await newcomer.getByRole("button", { name: "Set password and continue" }).click();
  await expect(newcomer.getByRole("heading", { name: ws.name })).toBeVisible();
  await expect(newcomer.getByText("Your password was changed.")).toBeVisible();
  // They see only the project they were given.
  const nav = newcomer.getByRole("navigation", { name: "Console" });
  await expect(nav.getByRole("link", { name: ws.projects[0]!.name })).toBeVisible();
  await expect(nav.getByRole("link", { name: ws.projects[1]!.name })).toHaveCount(0);
  await ctx.close();

  // The one-time password no longer works.
  const again = await browser.newContext();
  const p2 = await again.newPage();
  await submitSignIn(p2, email, otp);
  await expect(p2.getByText("The email or password is not correct.")).toBeVisible();
  await again.close();
  expect(PASSWORD).not.toBe(otp);
});

test("deactivating a user ends their session at once", async ({ page, browser }) => {
  const ws = await seed.workspace();
  const memberCtx = await browser.newContext();
  const member = await memberCtx.newPage();
  await signIn(member, ws.member.email);
  await expect(member.getByRole("heading", { name: ws.name })).toBeVisible();

  await signIn(page, ws.owner.email);
  await page.goto(`/w/${ws.id}/settings/users`);
  const row = page.getByRole("row", { name: new RegExp(ws.member.email) });
  await row.getByRole("button", { name: "Deactivate" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("signed out everywhere");
  await screenshot(page, "deactivate-confirm");
  await confirm.getByRole("button", { name: "Deactivate" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row.getByText("Deactivated")).toBeVisible();

  await member.reload();
  await expect(member).toHaveURL(/\/login$/);
  await memberCtx.close();
});

test("the audit log lists user changes and filters by action", async ({ page }) => {
  const ws = await seed.workspace();
  await signIn(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/settings/users`);
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(`audited-${ws.id}@e2e.keyhold.local`);
  await dialog.getByLabel("Name").fill("Audited");
  await dialog.getByRole("button", { name: "Add user" }).click();
  const otp = (await dialog.getByTestId("one-time-password").textContent())!.trim();
  await dialog.getByRole("button", { name: "Done" }).click();
  await page.goto(`/w/${ws.id}/audit`);
  await expect(page.getByRole("cell", { name: "user.added" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(otp);
  await page.getByLabel("Outcome").selectOption("failure");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("heading", { name: "No events match" })).toBeVisible();
  await page.getByLabel("Action").selectOption("user.added");
  await page.getByLabel("Outcome").selectOption("success");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("cell", { name: "user.added" })).toHaveCount(1);
  await screenshot(page, "audit-log");
});
