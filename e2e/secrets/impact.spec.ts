// Impact before anything breaks, and progress for long work (docs/scopes.md): the replace dialog names the
// connections and workflows that stop resolving and refuses a stale list; the secret browser follows a policy
// change without a reload; a bulk re-test shows its progress and result table, and is still there after a reload.
import { db } from "@/lib/db";
import { expect, screenshot, seed, test } from "../fixtures";
import { awsState, DEMO_ROLE, resetAws } from "../connections/support";
import { DEMO, seedConnection, seedWorkspaceWithReferences, signInAs } from "./seed";

test("replacing a provider lists the connections and workflows that stop resolving, and a stale list is refused", async ({ page }) => {
  const ws = await seedWorkspaceWithReferences();
  await db.workflowSecret.create({
    data: {
      workspaceId: ws.id,
      projectId: ws.alpha.id,
      name: "api-token",
      kind: "reference",
      template: "{{workato:sm:token:secret:prod/api}}",
      providerConfigId: ws.workspaceConfigId,
    },
  });
  await db.workflow.create({
    data: {
      workspaceId: ws.id,
      projectId: ws.alpha.id,
      namespace: "ops",
      name: "nightly",
      revisions: { create: { revision: 1, source: "document: {}", format: "yaml", version: "1.0.0", secretsRead: ["api-token"], createdBy: "seed" } },
    },
  });
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/settings/secrets`);
  await page.getByRole("radio", { name: "AWS Secrets Manager" }).check();
  await page.getByLabel("Role ARN").fill(DEMO.aws.role);
  await page.getByLabel("Region").fill(DEMO.aws.region);
  await page.getByRole("button", { name: "Replace provider…" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Replace HashiCorp Vault with AWS Secrets Manager?" });
  await expect(dialog).toContainText("5 fields in 4 connections and 1 workflow secret used by 1 workflow will stop resolving");
  await expect(dialog.getByRole("list", { name: "Affected connections" }).getByRole("listitem")).toHaveCount(4);
  const workflow = dialog.getByRole("list", { name: "Affected workflows" }).getByRole("listitem");
  await expect(workflow).toHaveCount(1);
  await expect(workflow).toContainText("ops/nightly");
  await expect(workflow).toContainText(`${ws.alpha.name} · reads api-token`);
  await screenshot(page, "impact-replace-dialog");

  // Someone adds a connection while the dialog is open: the confirmation no longer matches and is refused.
  await seedConnection({
    workspaceId: ws.id,
    projectId: ws.beta.id,
    name: `Late API ${ws.name}`,
    config: { id: ws.workspaceConfigId, kind: "vault" },
    fields: { token: "{{workato:sm:token:secret:prod/api}}" },
  });
  await dialog.getByRole("button", { name: "Replace with AWS Secrets Manager" }).click();
  await expect(dialog.getByRole("alert")).toContainText("now 6 fields in 5 connections, 1 workflow secret used by 1 workflow");
  await expect(dialog).toContainText("6 fields in 5 connections and 1 workflow secret used by 1 workflow will stop resolving");
  expect((await db.secretsProviderConfig.findUniqueOrThrow({ where: { id: ws.workspaceConfigId } })).currentOwnerKey).toBe(`w:${ws.id}`);
  await dialog.getByRole("button", { name: "Replace with AWS Secrets Manager" }).click();
  await expect(dialog).toHaveCount(0);
  expect((await db.secretsProviderConfig.findUniqueOrThrow({ where: { id: ws.workspaceConfigId } })).currentOwnerKey).toBeNull();
});

test.describe("with the AWS emulator", () => {
  test.afterEach(async () => {
    await resetAws();
  });

  test("the secret browser drops 'Outside the reference policy' as soon as an entry allows the secret", async ({ page }) => {
    const ws = await seed.workspace();
    await db.secretsProviderConfig.create({
      data: { workspaceId: ws.id, currentOwnerKey: `w:${ws.id}`, kind: "aws", settings: { roleArn: DEMO_ROLE, region: "us-east-1" } },
    });
    await awsState({ op: "setRoleTrust", roleArn: DEMO_ROLE, externalId: `workato_iam_external_id_${ws.id}` });
    await signInAs(page, ws.admin.email);
    await page.goto(`/w/${ws.id}/settings/secrets`);
    const row = page.getByRole("listitem").filter({ has: page.getByText("prod/api-token", { exact: true }) });
    await expect(row.getByText("Outside the reference policy")).toBeVisible();
    const policy = page.getByRole("region", { name: "Reference policy" });
    await policy.getByLabel("Secrets").fill("prod/api-token");
    await policy.getByLabel("Destinations").fill("api.example.com");
    await policy.getByRole("button", { name: "Add entry" }).click();
    await expect(policy.getByRole("status")).toContainText("Connections may now send prod/api-token");
    await expect(row.getByText("Outside the reference policy")).toHaveCount(0);
    // Removing it again (its dialog lists what stops resolving: nothing here) brings the mark back, still without a reload.
    await policy.getByRole("button", { name: "Remove prod/api-token" }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("nothing stops resolving");
    await confirm.getByRole("button", { name: "Remove entry" }).click();
    await expect(row.getByText("Outside the reference policy")).toBeVisible();
  });
});

test("a bulk re-test shows progress and a result table, and survives a reload", async ({ page }) => {
  const ws = await seedWorkspaceWithReferences();
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/settings/secrets`);
  await page.getByRole("button", { name: "Re-test all connections" }).click();
  const job = page.getByRole("region", { name: "Re-test connections job" });
  const bar = job.getByRole("progressbar", { name: "Progress" });
  await expect(bar).toHaveAttribute("aria-valuemax", "4");
  await expect(job).toContainText("Finished", { timeout: 30_000 });
  await expect(bar).toHaveAttribute("aria-valuenow", "4");
  await expect(job.getByTestId("job-counts")).toContainText("0 not run of 4");
  const results = job.getByRole("table", { name: "Job results" });
  await expect(results.getByRole("row")).toHaveCount(1 + 4);
  await expect(results.getByRole("row").filter({ hasText: ws.connections.alphaLegacy })).toContainText("Failed");
  await screenshot(page, "bulk-retest-finished");
  await page.reload();
  await expect(page.getByRole("region", { name: "Re-test connections job" }).getByRole("table", { name: "Job results" }).getByRole("row")).toHaveCount(1 + 4);
});
