// A Vault configuration whose connection type is an on-prem group (docs/agent.md "Cloud profiles"): the form
// offers the workspace's groups, moving the configuration onto a group asks for the AppRole secret again (the
// secret is bound to how it travels), and with no agent connected the test names the group at once.
import { db } from "@/lib/db";
import { expect, screenshot, seed, test } from "../fixtures";
import { DEMO, resetEmulators, signInAs } from "./seed";

test.afterEach(async () => {
  await resetEmulators();
});

test("Vault through an on-prem group: pick the group, re-enter the secret ID, and a test without an agent names the group", async ({ page }) => {
  const ws = await seed.workspace({ scope: "project" });
  const project = ws.projects[0]!;
  const group = await db.onPremGroup.create({ data: { workspaceId: ws.id, name: `Datacenter ${ws.id}` } });
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/p/${project.id}/settings/secrets`);
  await page.getByRole("radio", { name: "HashiCorp Vault" }).check();
  const settings = DEMO.vault.settings();
  const connectionType = page.getByLabel("Connection type");
  await expect(connectionType).toHaveValue("");
  await expect(connectionType.getByRole("option")).toHaveText(["Cloud", `On-prem group: ${group.name}`]);
  await page.getByLabel("Vault address").fill(settings.address);
  await page.getByLabel("Role ID", { exact: true }).fill(settings.roleId);
  await page.getByLabel("Secret ID", { exact: true }).fill(DEMO.vault.auth.secretId);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Now test it." })).toBeVisible();

  // The stored secret ID was entered for Cloud: routing it through the group needs it again.
  await connectionType.selectOption({ label: `On-prem group: ${group.name}` });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(
    page.getByText(
      "Re-enter the AppRole secret ID: the stored one was entered for Cloud (sent by Keyhold directly) and is never sent by another connection type.",
    ),
  ).toBeVisible();
  const config = () => db.secretsProviderConfig.findFirstOrThrow({ where: { workspaceId: ws.id, projectId: project.id, retiredAt: null } });
  expect((await config()).onPremGroupId).toBeNull();

  await page.getByRole("button", { name: "Replace secret id" }).click();
  await page.getByLabel("Secret ID", { exact: true }).fill(DEMO.vault.auth.secretId);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Now test it." })).toBeVisible();
  expect((await config()).onPremGroupId).toBe(group.id);
  await page.reload();
  await expect(page.getByLabel("Connection type")).toHaveValue(String(group.id));

  // No agent of the group is connected: the test says so at once, naming the group.
  await page.getByRole("button", { name: "Test configuration" }).click();
  const failed = page.getByRole("alert", { name: "Test result" });
  await expect(failed).toContainText(`No agent of on-prem group "${group.name}" is connected`, { timeout: 10_000 });
  await screenshot(page, "vault-onprem-group-no-agent");
});
