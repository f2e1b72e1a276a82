import { db } from "@/lib/db";
import { expect, screenshot, seed, test } from "../fixtures";
import { DEMO, emulatorState, gcpServiceAccountJson, resetEmulators, seedWorkspaceWithReferences, signInAs } from "./seed";

test.afterEach(async () => {
  await resetEmulators();
});

test("Azure Key Vault: save with a write-only client secret, test, then a missing role assignment", async ({ page }) => {
  const ws = await seed.workspace({ scope: "project" });
  const project = ws.projects[0]!;
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/p/${project.id}/settings/secrets`);
  await expect(page.getByRole("status").filter({ hasText: "this project has no provider yet" })).toBeVisible();
  await page.getByRole("radio", { name: "Azure Key Vault" }).check();
  await page.getByLabel("Directory (tenant) ID").fill(DEMO.azure.settings.tenantId);
  await page.getByLabel("Application (client) ID").fill(DEMO.azure.settings.clientId);
  await page.getByLabel("Vault URL").fill(DEMO.azure.settings.vaultUrl);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Enter the client secret.")).toBeVisible();
  await page.getByLabel("Client secret", { exact: true }).fill(DEMO.azure.auth.clientSecret);
  await screenshot(page, "azure-form");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Now test it." })).toBeVisible();

  // The stored secret never comes back to the browser: "Set" and a Replace action.
  await page.reload();
  await expect(page.getByRole("radio", { name: "Azure Key Vault" })).toBeChecked();
  await expect(page.getByRole("group", { name: "Client secret" })).toContainText("Set");
  await expect(page.getByRole("button", { name: "Replace client secret" })).toBeVisible();
  await expect(page.getByLabel("Vault URL")).toHaveValue(DEMO.azure.settings.vaultUrl);
  expect(await page.content()).not.toContain(DEMO.azure.auth.clientSecret);

  await page.getByRole("button", { name: "Test configuration" }).click();
  const ok = page.getByRole("status", { name: "Test result" });
  await expect(ok).toContainText("3 secrets visible");
  await expect(ok).toContainText(`App ${DEMO.azure.settings.clientId}`);
  await expect(ok.getByText("db-password", { exact: true })).toBeVisible();
  await screenshot(page, "azure-test-success");

  // The app loses its "Key Vault Secrets User" role on the vault.
  await emulatorState("azure", { op: "setRoleAssignments", principal: DEMO.azure.settings.clientId, roles: [] });
  await page.getByRole("button", { name: "Test configuration" }).click();
  const failed = page.getByRole("alert", { name: "Test result" });
  await expect(failed).toContainText(`App ${DEMO.azure.settings.clientId} lacks the role "Key Vault Secrets User" on vault keyhold-demo`);
  await expect(failed.getByTestId("error-command")).toContainText(`az role assignment list --assignee ${DEMO.azure.settings.clientId}`);
  await screenshot(page, "azure-test-forbidden");
});

test("HashiCorp Vault: AppRole sign-in and list, then a policy without list", async ({ page }) => {
  const ws = await seed.workspace({ scope: "project" });
  const project = ws.projects[0]!;
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/p/${project.id}/settings/secrets`);
  await page.getByRole("radio", { name: "HashiCorp Vault" }).check();
  const settings = DEMO.vault.settings();
  await page.getByLabel("Vault address").fill(settings.address);
  await expect(page.getByLabel("AppRole mount path")).toHaveValue("approle");
  await page.getByLabel("Role name (optional)").fill(settings.roleName);
  await page.getByLabel("Role ID", { exact: true }).fill(settings.roleId);
  await page.getByLabel("Secret ID", { exact: true }).fill(DEMO.vault.auth.secretId);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Now test it." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Replace secret id" })).toBeVisible();
  await page.getByRole("button", { name: "Test configuration" }).click();
  await expect(page.getByRole("status", { name: "Test result" })).toContainText("keyhold-read");
  await screenshot(page, "vault-test-success");

  await emulatorState("vault", { op: "setPolicy", name: "keyhold-read", rules: [{ path: "secret/*", capabilities: ["read"] }] });
  await page.getByRole("button", { name: "Test configuration" }).click();
  const failed = page.getByRole("alert", { name: "Test result" });
  await expect(failed).toContainText('do not grant "list"');
  await expect(failed.getByTestId("error-command")).toContainText("vault read auth/approle/role/keyhold-demo");
  await screenshot(page, "vault-test-permission");
});

test("Google Secret Manager at workspace scope: service-account key, browse with used-by, then no list permission", async ({ page }) => {
  const ws = await seed.workspace();
  await signInAs(page, ws.owner.email);
  await page.goto(`/w/${ws.id}/settings`);
  await page.getByRole("navigation", { name: "Workspace settings" }).getByRole("link", { name: "Secrets management" }).click();
  await page.getByRole("radio", { name: "Google Secret Manager" }).check();
  await page.getByLabel("Google Cloud project ID").fill(DEMO.gcp.projectId);
  await page.getByLabel("Service-account key (JSON)").fill("{ not json");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Paste the whole service-account key file (JSON with client_email and private_key).")).toBeVisible();
  const key = gcpServiceAccountJson();
  await page.getByLabel("Service-account key (JSON)").fill(key);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Now test it." })).toBeVisible();
  const config = await db.secretsProviderConfig.findFirstOrThrow({ where: { workspaceId: ws.id, projectId: null, currentOwnerKey: { not: null } } });
  expect(config).toMatchObject({ kind: "gcp", settings: { projectId: DEMO.gcp.projectId } });
  expect(await page.content()).not.toContain(JSON.parse(key).private_key_id);

  await page.getByRole("button", { name: "Test configuration" }).click();
  const ok = page.getByRole("status", { name: "Test result" });
  await expect(ok).toContainText("3 secrets visible");
  await expect(ok).toContainText("Service account keyhold@keyhold-demo.iam.gserviceaccount.com");
  const browser = page.getByRole("region", { name: "Secret browser" });
  await expect(browser.getByText("stripe-key", { exact: true })).toBeVisible();
  await browser.getByLabel("Search secret names").fill("db");
  await expect(browser.getByText("db-password", { exact: true })).toBeVisible();
  await expect(browser.getByText("stripe-key", { exact: true })).toHaveCount(0);
  await expect(browser.getByText("{{workato:sm:db-password}}")).toBeVisible();
  await screenshot(page, "gcp-workspace-success");

  await emulatorState("gcp", { op: "setProjectBinding", role: "roles/secretmanager.viewer", members: [] });
  await page.getByRole("button", { name: "Test configuration" }).click();
  const failed = page.getByRole("alert", { name: "Test result" });
  await expect(failed).toContainText("lacks the permission secretmanager.secrets.list on the project");
  await expect(failed.getByTestId("error-command")).toBeVisible();
  await screenshot(page, "gcp-test-permission");
});

test("replacing the provider kind lists the references it breaks and needs confirmation", async ({ page }) => {
  const ws = await seedWorkspaceWithReferences();
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/settings/secrets`);
  await expect(page.getByRole("button", { name: "Replace secret id" })).toBeVisible();
  await page.getByRole("radio", { name: "AWS Secrets Manager" }).check();
  await expect(
    page.getByText(
      "This workspace uses HashiCorp Vault. Saving AWS Secrets Manager replaces it: 5 fields and 0 workflow secrets resolving through it will stop resolving until re-pointed.",
    ),
  ).toBeVisible();
  await page.getByRole("button", { name: "Replace provider…" }).click();
  // Invalid settings are refused before anything is confirmed.
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(page.getByText("Enter a role ARN like arn:aws:iam::123456789012:role/keyhold.")).toBeVisible();
  await page.getByLabel("Role ARN").fill(DEMO.aws.role);
  await page.getByLabel("Region").fill(DEMO.aws.region);
  await page.getByRole("button", { name: "Replace provider…" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Replace HashiCorp Vault with AWS Secrets Manager?" });
  await expect(dialog).toContainText("References saved under the HashiCorp Vault configuration of this workspace will stop working");
  await expect(dialog).toContainText("5 fields in 4 connections will stop resolving");
  await expect(dialog.getByRole("list", { name: "Affected connections" }).getByRole("listitem")).toHaveCount(4);
  await expect(dialog.getByRole("listitem").filter({ hasText: ws.connections.betaApi })).toContainText(ws.beta.name);
  await screenshot(page, "provider-replace-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect((await db.secretsProviderConfig.findUniqueOrThrow({ where: { id: ws.workspaceConfigId } })).currentOwnerKey).toBe(`w:${ws.id}`);

  await page.getByRole("button", { name: "Replace provider…" }).click();
  await dialog.getByRole("button", { name: "Replace with AWS Secrets Manager" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Provider replaced. Test it, then re-point the references saved under the old one." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Fields to re-point" }).getByRole("row")).toHaveCount(1 + 5);
  const current = await db.secretsProviderConfig.findFirstOrThrow({ where: { workspaceId: ws.id, currentOwnerKey: `w:${ws.id}` } });
  expect(current).toMatchObject({ kind: "aws", settings: { roleArn: DEMO.aws.role, region: DEMO.aws.region } });
  expect(await db.auditEvent.count({ where: { workspaceId: ws.id, action: "secrets.provider.replaced" } })).toBe(1);
  await screenshot(page, "provider-replaced");
});
