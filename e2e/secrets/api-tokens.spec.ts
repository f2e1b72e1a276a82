import { db } from "@/lib/db";
import { expect, PASSWORD, screenshot, seed, test } from "../fixtures";
import { signInAs } from "./seed";

test("an admin creates an API token shown once, automation uses it, and revoking it ends access", async ({ page, request }) => {
  const ws = await seed.workspace();
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/settings`);
  await page.getByRole("navigation", { name: "Workspace settings" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "No API tokens yet" })).toBeVisible();
  await screenshot(page, "api-tokens-empty");

  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API token" });
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(dialog.getByRole("textbox", { name: "Name" })).toBeFocused(); // the browser's own check: a name is required
  await dialog.getByRole("textbox", { name: "Name" }).fill("Deploy pipeline");
  await dialog.getByRole("checkbox", { name: /^Clear cache/ }).check();
  await dialog.getByRole("checkbox", { name: /^Refresh connections/ }).check();
  await dialog.getByLabel("Expires after").selectOption("30");
  await screenshot(page, "api-token-create");
  await dialog.getByRole("button", { name: "Create token" }).click();
  const shown = dialog.getByTestId("api-token");
  await expect(shown).toHaveText(/^kh_[A-Za-z0-9]{8}_[\w-]{43}$/);
  const token = (await shown.textContent())!;
  await expect(dialog).toContainText("It is shown only once");
  await screenshot(page, "api-token-created");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  // Reopened, the dialog starts from an empty form: the token was shown once.
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(dialog.getByRole("textbox", { name: "Name" })).toHaveValue("");
  await expect(dialog.getByTestId("api-token")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);

  const row = page.getByRole("row", { name: /Deploy pipeline/ });
  await expect(row).toContainText(`${token.slice(0, 11)}_…`);
  await expect(row).toContainText("cache:clearconnections:refresh");
  await expect(row).toContainText("Every project");
  await expect(row.getByRole("cell").nth(4)).toHaveText("Never");
  await expect(row).toContainText("Active");
  const stored = await db.apiToken.findFirstOrThrow({ where: { workspaceId: ws.id } });
  expect(stored).toMatchObject({ name: "Deploy pipeline", scopes: "cache:clear connections:refresh", projectIds: null, prefix: token.slice(0, 11) });
  expect(Math.round((stored.expiresAt!.getTime() - stored.createdAt.getTime()) / 86_400_000)).toBe(30);

  const clear = () => request.post("/api/secrets_management/clear_cache", { headers: { Authorization: `Bearer ${token}` } });
  const cleared = await clear();
  expect(cleared.status()).toBe(200);
  expect(await cleared.json()).toEqual({ success: true });
  await page.reload();
  await expect(row.getByRole("cell").nth(4)).not.toHaveText("Never");

  await row.getByRole("button", { name: "Revoke Deploy pipeline" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Revoke “Deploy pipeline”?" });
  await expect(confirm).toContainText("get 401 from now on");
  await screenshot(page, "api-token-revoke-confirm");
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke Deploy pipeline" })).toHaveCount(0);
  await screenshot(page, "api-tokens-list");
  expect((await clear()).status()).toBe(401);
  expect(await db.auditEvent.count({ where: { workspaceId: ws.id, action: { in: ["api_token.created", "api_token.revoked"] } } })).toBe(2);
});

test("creating a token asks for the password again when the last one is older than 5 minutes, then creates it", async ({ page }) => {
  const ws = await seed.workspace();
  await signInAs(page, ws.admin.email);
  await db.session.updateMany({ where: { userId: ws.admin.id }, data: { reauthenticatedAt: new Date(Date.now() - 10 * 60_000) } });
  await page.goto(`/w/${ws.id}/settings/api-tokens`);
  await page.getByRole("button", { name: "Create token" }).click();
  const form = page.getByRole("dialog", { name: "Create API token" });
  await form.getByRole("textbox", { name: "Name" }).fill("Project runner");
  await form.getByRole("checkbox", { name: /^Run workflows/ }).check();
  await form.getByRole("radio", { name: /Only these projects/ }).check();
  await form.getByRole("checkbox", { name: ws.projects[0]!.name }).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const prompt = page.getByRole("alertdialog", { name: "Confirm your password" });
  await expect(prompt).toBeVisible();
  expect(await db.apiToken.count({ where: { workspaceId: ws.id } })).toBe(0);
  await prompt.getByLabel("Password").fill(PASSWORD);
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(form.getByTestId("api-token")).toHaveText(/^kh_/);
  const stored = await db.apiToken.findFirstOrThrow({ where: { workspaceId: ws.id } });
  expect(stored).toMatchObject({ name: "Project runner", scopes: "workflows:run", projectIds: JSON.stringify([ws.projects[0]!.id]) });
  await form.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row", { name: /Project runner/ });
  await expect(row).toContainText("workflows:run");
  await expect(row).toContainText(`Only: ${ws.projects[0]!.name}`);
});
