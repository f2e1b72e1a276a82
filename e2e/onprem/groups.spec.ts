// The on-prem groups page as an admin uses it (docs/agent.md): create a group and a key (shown once), start a real
// agent process with that key against this console, see it connected with the profiles it advertises, revoke
// the key, and see the agent refused: disconnected within seconds.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, screenshot, seed, test } from "../fixtures";
import { signInAs } from "../secrets/seed";
import { E2E_PORT } from "../support/e2e-env";

let agent: ChildProcess | null = null;

test.afterEach(() => {
  agent?.kill("SIGKILL");
  agent = null;
});

function startAgent(key: string): ChildProcess {
  const file = join(mkdtempSync(join(tmpdir(), "keyhold-e2e-agent-")), "config.yml");
  writeFileSync(file, `console:\n  url: http://localhost:${E2E_PORT}\nhttp:\n  status-page:\n    baseUrl: http://127.0.0.1:9\n    authKind: none\n`);
  // One node process (tsx as a loader), so that the kill reaches the agent itself.
  return spawn(process.execPath, ["--import", "tsx", "agent/main.ts", "--config", file], {
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, KEYHOLD_AGENT_KEY: key, LOG_LEVEL: "silent" },
    stdio: "ignore",
  });
}

test("an admin creates a group and a key, sees a real agent connect, and a revoked key disconnects it", async ({ page }) => {
  const ws = await seed.workspace();
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/settings/onprem-groups`);
  await expect(page.getByRole("heading", { name: "No on-prem groups yet" })).toBeVisible();

  const groupName = `Frankfurt ${ws.id}`;
  await page.getByRole("button", { name: "Create group" }).first().click();
  await page.getByRole("dialog").getByLabel("Name").fill(groupName);
  await page.getByRole("dialog").getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("dialog")).toContainText(`Group “${groupName}” created.`);
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  const group = page.getByRole("region", { name: `Group ${groupName}` });
  await expect(group.getByRole("heading", { name: groupName })).toBeVisible();

  await group.getByRole("button", { name: `Create agent key for ${groupName}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("gateway-1");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = (await dialog.getByTestId("agent-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^kha_/);
  await screenshot(page, "onprem-key-created");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(group.getByText("gateway-1")).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0); // shown once

  agent = startAgent(key);
  await expect(group.getByRole("cell", { name: "Connected" })).toBeVisible({ timeout: 30_000 });
  await expect(group.getByRole("table")).toContainText("status-page (http)");
  await screenshot(page, "onprem-agent-connected");

  await group.getByRole("button", { name: "Revoke gateway-1" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(group.getByText("Revoked")).toBeVisible();
  await expect(group.getByRole("cell", { name: "Disconnected" })).toBeVisible({ timeout: 15_000 });
});
