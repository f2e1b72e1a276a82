import { db } from "@/lib/db";
import { expect, screenshot, seed, test } from "../fixtures";
import { E2E_EMULATORS } from "../support/e2e-env";
import { API_TOKEN_REF, DEMO_ROLE, awsState, createHttpConnection, resetAws, runTest, seedAwsWorkspace, signInAs } from "./support";

test.afterEach(async () => {
  await resetAws();
});

test("the list is paginated and searchable, and shows last test, degraded and scope-changed status", async ({ page }) => {
  const ws = await seed.workspace();
  const projectId = ws.projects[0]!.id;
  const settings = { roleArn: DEMO_ROLE, region: "us-east-1" };
  const active = await db.secretsProviderConfig.create({ data: { workspaceId: ws.id, currentOwnerKey: `w:${ws.id}`, kind: "aws", settings } });
  // The project's own configuration exists but is not the active one while the workspace scope is in force.
  const inactive = await db.secretsProviderConfig.create({ data: { workspaceId: ws.id, projectId, currentOwnerKey: `p:${projectId}`, kind: "aws", settings } });
  for (let i = 1; i <= 27; i++) {
    const name = `Conn ${String(i).padStart(2, "0")}`;
    const status = i === 1 ? { lastTestAt: new Date(), lastTestOk: true } : i === 2 ? { lastTestAt: new Date(), lastTestOk: false, degraded: true } : {};
    const template = i === 1 ? active.id : i === 3 ? inactive.id : null;
    await db.connection.create({
      data: {
        workspaceId: ws.id,
        projectId,
        name,
        type: "http",
        settings: { baseUrl: E2E_EMULATORS.demoTarget, authKind: "bearer", testPath: "/health" },
        wrappedDataKey: Buffer.alloc(60),
        ...status,
        ...(template ? { fields: { create: { name: "token", mode: "template", template: API_TOKEN_REF, providerConfigId: template } } } : {}),
      },
    });
  }
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/p/${projectId}/connections`);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(26);
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("Page 1 of 2 · 27 connections");
  const row = (name: string) => page.getByRole("row", { name: new RegExp(`^${name} `) });
  await expect(row("Conn 01").getByText("Passed")).toBeVisible();
  await expect(row("Conn 01").getByText("Scope changed")).toHaveCount(0);
  await expect(row("Conn 02").getByText("Failed")).toBeVisible();
  await expect(row("Conn 02").getByText("Degraded")).toBeVisible();
  await expect(row("Conn 03").getByText("Never tested")).toBeVisible();
  await expect(row("Conn 03").getByText("Scope changed")).toBeVisible();
  await screenshot(page, "connections-list-status");

  await page.getByRole("link", { name: "Next" }).click();
  await expect(rows).toHaveCount(3);
  await expect(row("Conn 27")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("Page 2 of 2");

  await page.getByRole("searchbox", { name: "Search connections" }).fill("Conn 0");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows).toHaveCount(10);
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("9 connections matching “Conn 0”");
  await page.getByRole("searchbox", { name: "Search connections" }).fill("no such thing");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "No connections match “no such thing”" })).toBeVisible();
});

test("a reference saved before a scope switch is flagged and fails until it is re-pointed", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  const projectId = ws.projects[0]!.id;
  await signInAs(page, ws.admin.email);
  await createHttpConnection(page, ws, { name: "Scoped API", token: { reference: API_TOKEN_REF } });
  const detail = page.url().split("?")[0]!;

  // The workspace switches to project scope (what the secrets settings page does after its confirmation).
  await db.workspace.update({ where: { id: ws.id }, data: { secretsScope: "project", scopeVersion: { increment: 1 } } });
  await page.goto(ws.connections);
  await expect(page.getByRole("row", { name: /Scoped API/ }).getByText("Scope changed")).toBeVisible();
  await page.goto(detail);
  await expect(page.getByRole("status").filter({ hasText: "no longer active" })).toBeVisible();
  let results = await runTest(page);
  await expect(results).toContainText("Test failed.");
  await expect(results.getByRole("listitem").first()).toContainText("This reference was saved under a secrets configuration that is no longer active");
  await expect(results.getByRole("listitem").first()).toContainText("Fix: Re-point it");

  // The project gets its own AWS configuration; re-pointing saves the same reference under it.
  const projectConfig = await db.secretsProviderConfig.create({
    data: { workspaceId: ws.id, projectId, currentOwnerKey: `p:${projectId}`, kind: "aws", settings: { roleArn: DEMO_ROLE, region: "us-east-1" } },
  });
  await db.referencePolicyEntry.create({ data: { providerConfigId: projectConfig.id, secretPattern: "prod/*", destinations: ["*"] } });
  await awsState({ op: "setRoleTrust", roleArn: DEMO_ROLE, externalId: `workato_iam_external_id_${ws.id}_${projectId}` });
  await page.getByRole("link", { name: "Edit" }).click();
  const token = page.getByRole("group", { name: "Bearer token" });
  await expect(token).toContainText("Scope changed.");
  await token.getByRole("checkbox", { name: "Re-point it to the active configuration when saving" }).check();
  await screenshot(page, "connection-form-scope-changed");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Connection saved.")).toBeVisible();
  await expect(page.getByText("Scope changed")).toHaveCount(0);
  results = await runTest(page);
  await expect(results).toContainText("Connection works.");
  await expect(results.getByRole("listitem").first()).toContainText("Fetched from the provider");
});

test("viewers see the list and the details read-only", async ({ page, browser }) => {
  const ws = await seedAwsWorkspace();
  await signInAs(page, ws.admin.email);
  await createHttpConnection(page, ws, { name: "Viewed API", token: { reference: API_TOKEN_REF } });
  const detail = page.url().split("?")[0]!;

  const context = await browser.newContext();
  const viewer = await context.newPage();
  await signInAs(viewer, ws.member.email);
  await viewer.goto(ws.connections);
  await expect(viewer.getByRole("row", { name: /Viewed API/ })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New connection" })).toHaveCount(0);
  await viewer.getByRole("link", { name: "Viewed API" }).click();
  await expect(viewer.getByRole("heading", { name: "Viewed API" })).toBeVisible();
  await expect(viewer.getByRole("region", { name: "Credentials" })).toContainText(API_TOKEN_REF);
  await expect(viewer.getByRole("region", { name: "Address" })).toContainText(E2E_EMULATORS.demoTarget);
  await expect(viewer.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Delete…" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  await expect(viewer.getByTestId("last-test")).toHaveText("Not tested yet.");
  await screenshot(viewer, "connection-viewer");

  for (const path of [`${ws.connections}/new`, `${detail}/edit`]) {
    const response = await viewer.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await context.close();
});

test("deleting a connection goes through the confirmation dialog", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  await signInAs(page, ws.admin.email);
  await createHttpConnection(page, ws, { name: "Doomed API", token: { literal: "demo-api-token" } });

  await page.getByRole("button", { name: "Delete…" }).click();
  let dialog = page.getByRole("alertdialog", { name: "Delete “Doomed API”?" });
  await expect(dialog).toContainText("This cannot be undone.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete…" })).toBeFocused();
  expect(await db.connection.count({ where: { workspaceId: ws.id } })).toBe(1);

  await page.getByRole("button", { name: "Delete…" }).click();
  dialog = page.getByRole("alertdialog", { name: "Delete “Doomed API”?" });
  await screenshot(page, "connection-delete-confirm");
  await dialog.getByRole("button", { name: "Delete connection" }).click();
  await expect(page).toHaveURL(new RegExp(`${ws.connections}\\?deleted=1$`));
  await expect(page.getByRole("status").filter({ hasText: "Connection deleted." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No connections yet" })).toBeVisible();
  expect(await db.connection.count({ where: { workspaceId: ws.id } })).toBe(0);
});
