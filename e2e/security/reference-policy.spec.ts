// Threat 2 through the browser, as an editor and an admin would (docs/threat-model.md "Reference policy"): an
// editor's reference outside the policy is refused at save with a field error that says whom to ask; the
// workspace admin adds the entry in Secrets management; the editor's same save then goes through.
import { db } from "@/lib/db";
import { E2E_EMULATORS } from "../support/e2e-env";
import { expect, screenshot, seed, signIn, test } from "../fixtures";
import { API_TOKEN_REF, awsState, DEMO_ROLE, fillHttpConnection, resetAws } from "../connections/support";

test.afterEach(async () => {
  await resetAws();
});

/** A workspace whose AWS configuration has an empty reference policy, and an editor of its first project. */
async function seedWorkspaceWithEditor() {
  const ws = await seed.workspace();
  await db.secretsProviderConfig.create({
    data: { workspaceId: ws.id, currentOwnerKey: `w:${ws.id}`, kind: "aws", settings: { roleArn: DEMO_ROLE, region: "us-east-1" } },
  });
  await awsState({ op: "setRoleTrust", roleArn: DEMO_ROLE, externalId: `workato_iam_external_id_${ws.id}` });
  await db.projectMembership.updateMany({ where: { projectId: ws.projects[0]!.id, userId: ws.member.id }, data: { role: "editor" } });
  return { ...ws, newConnection: `/w/${ws.id}/p/${ws.projects[0]!.id}/connections/new` };
}

test("an editor is refused a secret outside the policy until a workspace admin adds it", async ({ page, browser }) => {
  const ws = await seedWorkspaceWithEditor();
  await signIn(page, ws.member.email);
  await page.goto(ws.newConnection);
  await fillHttpConnection(page, { name: "Exfiltration attempt", token: { reference: API_TOKEN_REF } });
  await page.getByRole("button", { name: "Create connection" }).click();
  const token = page.getByRole("group", { name: "Bearer token" });
  const destination = new URL(E2E_EMULATORS.demoTarget).host;
  await expect(token).toContainText(`to ${destination} is not allowed by the reference policy of the workspace's AWS Secrets Manager configuration`);
  await expect(token).toContainText("ask a workspace admin to add it");
  await screenshot(page, "reference-policy-refused");
  expect(await db.connection.count({ where: { projectId: ws.projects[0]!.id } })).toBe(0);

  // The editor can read the policy, not change it.
  await page.getByRole("link", { name: "Reference policy" }).click();
  await expect(page.getByRole("heading", { name: "Reference policy" })).toBeVisible();
  await expect(page.getByText("Only a workspace admin can change it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add entry" })).toHaveCount(0);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ws.admin.email);
  await admin.goto(`/w/${ws.id}/settings/secrets`);
  const policy = admin.getByRole("region", { name: "Reference policy" });
  await policy.getByLabel("Secrets").fill("prod/api-token");
  await policy.getByLabel("Destinations").fill(destination);
  await policy.getByRole("button", { name: "Add entry" }).click();
  await expect(policy.getByRole("row", { name: new RegExp(`prod/api-token\\s+${destination.replace(/\./g, "\\.")}`) })).toBeVisible();
  await screenshot(admin, "reference-policy-admin");
  await adminContext.close();

  await page.goto(ws.newConnection);
  await fillHttpConnection(page, { name: "Payments API", token: { reference: API_TOKEN_REF } });
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByText("Connection created.")).toBeVisible();
  const audit = await db.auditEvent.findMany({ where: { workspaceId: ws.id, action: "secrets.policy.entry_added" } });
  expect(audit.map((e) => e.actorLabel)).toEqual([ws.admin.email]);
});
