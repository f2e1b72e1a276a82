import { db } from "@/lib/db";
import { expect, screenshot, seed, test } from "../fixtures";
import { seedWorkspaceWithReferences, signInAs } from "./seed";

test("switching scope states what breaks, Cancel keeps it, Confirm switches, and re-point fixes what resolves", async ({ page }) => {
  const ws = await seedWorkspaceWithReferences();
  const { alphaApi, alphaDb, alphaLegacy, betaApi } = ws.connections;
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/settings/secrets`);
  await expect(page.getByText("Scope: workspace")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Workspace provider" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "HashiCorp Vault" })).toBeChecked();
  await screenshot(page, "secrets-workspace-scope");

  await page.getByRole("button", { name: "Switch to project scope" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("All previously configured references to external secrets will stop working");
  await expect(dialog).toContainText("5 fields in 4 connections will stop resolving");
  await expect(dialog.getByRole("listitem")).toHaveCount(4);
  for (const name of [alphaApi, alphaDb, alphaLegacy, betaApi]) await expect(dialog.getByRole("listitem").filter({ hasText: name })).toHaveCount(1);
  await expect(dialog.getByRole("listitem").filter({ hasText: alphaDb })).toContainText("Password, User");
  await expect(dialog.getByRole("row", { name: new RegExp(ws.alpha.name) })).toContainText("Ready");
  await expect(dialog.getByRole("row", { name: new RegExp(ws.beta.name) })).toContainText("Not configured");
  await expect(dialog).toContainText("1 of 2 ready");
  await screenshot(page, "scope-switch-dialog");

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("Scope: workspace")).toBeVisible();
  expect((await db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).secretsScope).toBe("workspace");

  await page.getByRole("button", { name: "Switch to project scope" }).click();
  await dialog.getByRole("button", { name: "Use project-specific secrets" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("Scope: project")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Secrets management now uses project-specific configurations." })).toBeVisible();
  expect(await db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({ secretsScope: "project", scopeVersion: 1 });
  expect(await db.auditEvent.count({ where: { workspaceId: ws.id, action: "secrets.scope.switched" } })).toBe(1);

  // Every field saved under the workspace configuration is now flagged.
  const flagged = page.getByRole("table", { name: "Fields to re-point" });
  await expect(flagged.getByRole("row")).toHaveCount(1 + 5);
  const projects = page.getByRole("table", { name: "Project configurations" });
  await expect(projects.getByRole("row", { name: new RegExp(ws.alpha.name) })).toContainText("HashiCorp Vault");
  await expect(projects.getByRole("row", { name: new RegExp(ws.beta.name) })).toContainText("Not configured");
  await screenshot(page, "secrets-project-scope");

  await page.getByRole("button", { name: "Re-point references" }).click();
  // The re-point runs as a job (docs/scopes.md "Progress for long work"): progress, then the result table.
  const job = page.getByRole("region", { name: "Re-point references job" });
  await expect(job.getByTestId("job-counts")).toContainText("3 done · 2 failed · 0 not run of 5", { timeout: 30_000 });
  const results = job.getByRole("table", { name: "Job results" }).getByRole("row");
  await expect(results).toHaveCount(1 + 5);
  await expect(results.filter({ hasText: "Re-pointed." })).toHaveCount(3);
  await expect(results.filter({ hasText: alphaApi })).toContainText("Bearer token");
  await expect(results.filter({ hasText: alphaDb })).toHaveCount(2);
  await expect(results.filter({ hasText: alphaLegacy })).toContainText("prod/retired");
  await expect(results.filter({ hasText: betaApi })).toContainText("No secrets provider is configured for this project in the active scope.");
  // Only the two that do not resolve stay flagged.
  await expect(flagged.getByRole("row")).toHaveCount(1 + 2);
  await screenshot(page, "scope-repoint-report");

  const fields = await db.credentialField.findMany({
    where: { connection: { workspaceId: ws.id } },
    select: { providerConfigId: true, connection: { select: { name: true } } },
  });
  const configOf = (name: string) => fields.filter((f) => f.connection.name === name).map((f) => f.providerConfigId);
  expect(configOf(alphaApi)).toEqual([ws.alphaConfigId]);
  expect(configOf(alphaDb)).toEqual([ws.alphaConfigId, ws.alphaConfigId]);
  expect(configOf(alphaLegacy)).toEqual([ws.workspaceConfigId]);
  expect(configOf(betaApi)).toEqual([ws.workspaceConfigId]);
});

test("a dialog opened before someone else switched gets the conflict message, never a second switch", async ({ browser }) => {
  const ws = await seed.workspace();
  const ownerContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const admin = await adminContext.newPage();
  await signInAs(owner, ws.owner.email);
  await signInAs(admin, ws.admin.email);
  for (const p of [owner, admin]) {
    await p.goto(`/w/${ws.id}/settings/secrets`);
    await p.getByRole("button", { name: "Switch to project scope" }).click();
    await expect(p.getByRole("alertdialog")).toContainText("No connection references a secret");
  }
  await owner.getByRole("alertdialog").getByRole("button", { name: "Use project-specific secrets" }).click();
  await expect(owner.getByText("Scope: project")).toBeVisible();

  const stale = admin.getByRole("alertdialog");
  await stale.getByRole("button", { name: "Use project-specific secrets" }).click();
  await expect(stale.getByRole("alert")).toHaveText("Secrets settings changed since you opened this dialog. Close it and review the current scope.");
  await expect(stale).toBeVisible();
  await screenshot(admin, "scope-switch-conflict");
  expect(await db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({ secretsScope: "project", scopeVersion: 1 });
  expect(await db.auditEvent.count({ where: { workspaceId: ws.id, action: "secrets.scope.switched" } })).toBe(1);

  await stale.getByRole("button", { name: "Cancel" }).click();
  await admin.getByRole("button", { name: "Reload the current settings" }).click();
  await expect(admin.getByText("Scope: project")).toBeVisible();

  // Switching back restores workspace scope.
  await admin.getByRole("button", { name: "Switch to workspace scope" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Use workspace secrets" }).click();
  await expect(admin.getByText("Scope: workspace")).toBeVisible();
  expect(await db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({ secretsScope: "workspace", scopeVersion: 2 });
  await ownerContext.close();
  await adminContext.close();
});

test("a member cannot switch: no settings UI, and the server action posted directly is refused", async ({ browser }) => {
  const ws = await seed.workspace();
  // Learn the switch action's id and body from a real request, without letting it reach the server.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, ws.admin.email);
  await admin.goto(`/w/${ws.id}/settings/secrets`);
  let captured: { actionId: string; contentType: string; body: string } | undefined;
  await admin.route(`**/w/${ws.id}/settings/secrets`, async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    captured = { actionId: request.headers()["next-action"]!, contentType: request.headers()["content-type"]!, body: request.postData()! };
    await route.abort();
  });
  await admin.getByRole("button", { name: "Switch to project scope" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Use project-specific secrets" }).click();
  await expect.poll(() => captured).toBeDefined();
  await adminContext.close();
  const replay = (ctx: { request: { post: (url: string, options: object) => Promise<{ text(): Promise<string> }> } }) =>
    ctx.request.post(`/w/${ws.id}/settings/secrets`, {
      headers: { "Next-Action": captured!.actionId, Accept: "text/x-component", "Content-Type": captured!.contentType },
      data: captured!.body,
    });

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signInAs(member, ws.member.email);
  await expect(member.getByRole("heading", { name: ws.name })).toBeVisible();
  await expect(member.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  const response = await member.goto(`/w/${ws.id}/settings/secrets`);
  expect(response?.status()).toBe(403);
  await expect(member.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  // A project viewer sees no Secrets tab, and cannot open the project's secrets page either.
  await member.goto(`/w/${ws.id}/p/${ws.projects[0]!.id}/connections`);
  await expect(member.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Settings" })).toBeVisible();
  await expect(member.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Secrets" })).toHaveCount(0);
  expect((await member.goto(`/w/${ws.id}/p/${ws.projects[0]!.id}/settings/secrets`))?.status()).toBe(403);

  expect(await (await replay(member)).text()).toContain("Only workspace owners and admins can do this.");
  expect(await db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({ secretsScope: "workspace", scopeVersion: 0 });
  await memberContext.close();

  // The very same request from an admin's session does switch: the refusal above was the role, not the request.
  const againContext = await browser.newContext();
  const again = await againContext.newPage();
  await signInAs(again, ws.owner.email);
  await expect(again.getByRole("heading", { name: ws.name })).toBeVisible();
  expect(await (await replay(again)).text()).toContain("project-specific configurations");
  expect(await db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({ secretsScope: "project", scopeVersion: 1 });
  await againContext.close();
});
