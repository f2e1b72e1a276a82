// Threat 1 in the browser (docs/threat-model.md): an editor opens a connection whose token the owner typed,
// points the base URL at a listener they control, keeps the token and saves: refused with a field error, and
// the listener never receives the token. The control re-enters a token of their own, which does reach it. A
// project admin's legitimate move (a failover host) goes through "Confirm your password".
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db";
import { expect, PASSWORD, screenshot, seed, signIn, test } from "../fixtures";
import { runTest } from "../connections/support";
import { E2E_EMULATORS } from "../support/e2e-env";

/** The demo API accepts it: the owner's working token, which must never reach the attacker. */
const OWNER_TOKEN = "demo-api-token-abc123";

function recorder(status: number) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.url} ${req.headers.authorization ?? ""}`);
    res.writeHead(status).end();
  });
  const started = new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  return { seen, started, close: () => new Promise((r) => server.close(r)) };
}

async function ownerCreatesConnection(page: import("@playwright/test").Page, email: string, connections: string): Promise<string> {
  await signIn(page, email);
  await page.goto(`${connections}/new`);
  await page.getByLabel("Name", { exact: true }).fill("Payments API");
  await page.getByLabel("Type").selectOption("http");
  await page.getByLabel("Base URL").fill(E2E_EMULATORS.demoTarget);
  await page.getByLabel("Test path").fill("/health");
  const token = page.getByRole("group", { name: "Bearer token" });
  await token.getByRole("radio", { name: "Literal" }).check();
  await token.getByLabel("Bearer token").fill(OWNER_TOKEN);
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByRole("heading", { name: "Payments API" })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("an editor cannot send stored credentials to a new host; re-entering them is the way", async ({ page }) => {
  const attacker = recorder(200);
  const attackerUrl = await attacker.started;
  try {
    const ws = await seed.workspace();
    const connections = `/w/${ws.id}/p/${ws.projects[0]!.id}/connections`;
    await db.projectMembership.updateMany({ where: { projectId: ws.projects[0]!.id, userId: ws.member.id }, data: { role: "editor" } });
    const detail = await ownerCreatesConnection(page, ws.owner.email, connections);
    await page.context().clearCookies();

    await signIn(page, ws.member.email);
    await page.goto(`${detail}/edit`);
    await page.getByLabel("Base URL").fill(attackerUrl);
    const notice = page.getByText("Stored credentials will not be sent to the new address unless you re-enter them or a project admin confirms.");
    await expect(notice).toBeVisible();
    await expect(page.getByLabel("Move the stored credentials to the new address (asks for your password)")).toHaveCount(0);
    await screenshot(page, "destination-change-editor-notice");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/To use this one, re-enter every credential, or ask a project admin to confirm the move/)).toBeVisible();
    expect(attacker.seen).toEqual([]);

    // The connection still points at the demo API, and testing it sends the token there only.
    await page.goto(detail);
    await expect(await runTest(page)).toContainText("Connection works.");
    expect(attacker.seen).toEqual([]);

    // Control: with a token of their own, the move is allowed and the listener receives that token.
    await page.goto(`${detail}/edit`);
    await page.getByLabel("Base URL").fill(attackerUrl);
    const token = page.getByRole("group", { name: "Bearer token" });
    await token.getByRole("button", { name: "Replace" }).click();
    await token.getByLabel("Bearer token").fill("editor-own-token");
    await expect(notice).toHaveCount(0);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { name: "Payments API" })).toBeVisible();
    await runTest(page);
    expect(attacker.seen).toEqual(["/health Bearer editor-own-token"]);
  } finally {
    await attacker.close();
  }
  expect(attacker.seen.join("\n")).not.toContain(OWNER_TOKEN);
});

test("a project admin moves stored credentials to a failover host after confirming their password", async ({ page }) => {
  const failover = recorder(200);
  const failoverUrl = await failover.started;
  try {
    const ws = await seed.workspace();
    const connections = `/w/${ws.id}/p/${ws.projects[0]!.id}/connections`;
    const detail = await ownerCreatesConnection(page, ws.owner.email, connections);
    // The sign-in was a password entry; make it an old one, so the move asks again.
    await db.session.updateMany({ where: { userId: ws.owner.id }, data: { reauthenticatedAt: new Date(Date.now() - 10 * 60_000) } });

    await page.goto(`${detail}/edit`);
    await page.getByLabel("Base URL").fill(failoverUrl);
    await page.getByLabel("Move the stored credentials to the new address (asks for your password)").check();
    await page.getByRole("button", { name: "Save changes" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Confirm your password" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Password").fill("not-my-password");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(dialog).toContainText("The password is not correct.");
    await screenshot(page, "destination-change-reauth");
    expect(failover.seen).toEqual([]);

    await dialog.getByLabel("Password").fill(PASSWORD);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByRole("heading", { name: "Payments API" })).toBeVisible();
    await runTest(page);
    expect(failover.seen).toEqual([`/health Bearer ${OWNER_TOKEN}`]);

    const event = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws.id, action: "connection.destination_changed" } });
    expect(event.detail).toMatchObject({ how: "confirmed", fields: ["token"], to: `${failoverUrl}` });
  } finally {
    await failover.close();
  }
});
