// The leak test: canary secret values (one behind a reference, one typed as a literal) go through creating,
// editing, testing (and a reference-policy refusal), workflow secrets and a workflow run, the APIs and the cache clear, and must never appear in any HTML or RSC/flight response,
// any API response, the browser's storage, the server's output, or the database files.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { db } from "@/lib/db";
import { E2E_EMULATORS, E2E_ENV, E2E_SERVER_LOG } from "../support/e2e-env";
import { expect, PASSWORD, screenshot, test } from "../fixtures";
import { API_TOKEN_REF, awsState, createApiToken, createHttpConnection, resetAws, runTest, seedAwsWorkspace, signInAs } from "../connections/support";

test.afterEach(resetAws);

test("canary values never leave server memory", async ({ page, context, request }) => {
  const referenced = `canary-ref-${randomBytes(6).toString("hex")}`;
  const literal = `canary-lit-${randomBytes(6).toString("hex")}`;
  const ws = await seedAwsWorkspace();
  await awsState({ op: "putSecretValue", name: "prod/api-token", secretString: referenced });

  const bodies: string[] = [];
  page.on("response", async (res) => {
    try {
      bodies.push(`${res.url()}\n${await res.text()}`);
    } catch {
      /* redirects and aborted requests have no body */
    }
  });

  await signInAs(page, ws.owner.email);
  await createHttpConnection(page, ws, { name: "Canary by reference", token: { reference: API_TOKEN_REF } });
  const byReference = await runTest(page);
  // The value really was resolved and sent: the demo API refused it (it only knows its own tokens).
  await expect(byReference).toContainText("refused the credentials (401)");
  const refConnection = await db.connection.findFirstOrThrow({ where: { workspaceId: ws.id, name: "Canary by reference" } });

  await createHttpConnection(page, ws, { name: "Canary literal", token: { literal } });
  const byLiteral = await runTest(page);
  await expect(byLiteral).toContainText("refused the credentials (401)");
  const litConnection = await db.connection.findFirstOrThrow({ where: { workspaceId: ws.id, name: "Canary literal" } });
  await page.goto(`${ws.connections}/${litConnection.id}/edit`);
  await expect(page.getByText("Set", { exact: true }).first()).toBeVisible();
  await screenshot(page, "leak-edit-literal-set");
  // A destination change that keeps the literal is refused (docs/threat-model.md, threat 1): the refusal,
  // with both addresses in it, carries no value either.
  await page.getByLabel("Base URL").fill("http://127.0.0.1:9");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("The stored credentials were entered for another address.")).toBeVisible();
  await page.goto(`${ws.connections}/${refConnection.id}`);
  // A reference-policy refusal (docs/threat-model.md "Reference policy") says why, and carries no value either.
  await db.referencePolicyEntry.deleteMany({ where: { providerConfigId: ws.configId } });
  await expect(await runTest(page)).toContainText("by the reference policy of the workspace's AWS Secrets Manager configuration");
  await page.goto(ws.connections);
  await page.goto(`/w/${ws.id}/audit`);

  // Workflows: the same canaries as workflow secrets (a reference and a literal), sent by a run; the run page,
  // the run API and the stored run never hold them.
  // Workflow secrets obey the reference policy too (docs/workflows.md "Destinations"): allow the reference again.
  await db.referencePolicyEntry.create({ data: { providerConfigId: ws.configId, secretPattern: "*", destinations: ["*"] } });
  const wfBase = `/w/${ws.id}/p/${ws.projects[0]!.id}/workflows`;
  for (const [name, kind, value] of [
    ["wf-ref", "reference", API_TOKEN_REF],
    ["wf-lit", "literal", literal],
  ] as const) {
    await page.goto(`${wfBase}/secrets`);
    await page.getByLabel("Secret name", { exact: true }).fill(name);
    await page.getByLabel("Kind").selectOption(kind);
    await page.getByLabel(kind === "literal" ? "Value" : "Reference", { exact: true }).fill(value);
    await page.getByLabel("Your password").fill(PASSWORD);
    await page.getByRole("button", { name: "Save secret" }).click();
    await expect(page.getByText(`${name} saved.`)).toBeVisible();
  }
  await page.goto(`${wfBase}/new`);
  await page
    .getByLabel(/^Definition/)
    .fill(
      `document: { dsl: '1.0.0', namespace: leak, name: canary, version: '1.0.0' }\nuse:\n  secrets: [wf-ref, wf-lit]\ndo:\n  - send:\n      call: http\n      with:\n        method: get\n        endpoint: ${E2E_EMULATORS.demoTarget}/health\n        headers:\n          authorization: Bearer $SECRETS.wf-ref\n          x-api-key: $SECRETS.wf-lit\n`,
    );
  await page.getByRole("button", { name: "Save definition" }).click();
  await expect(page.getByRole("heading", { name: "leak/canary" })).toBeVisible();
  await page.getByLabel("Allowed hosts (one per line)").fill(new URL(E2E_EMULATORS.demoTarget).host);
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Save allowed hosts" }).click();
  await expect(page.getByText("Allowed hosts saved.")).toBeVisible();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Run / })).toBeVisible();
  const runId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(async () => {
    await page.reload();
    // The demo API refuses the canaries (401): the call raises and the run faults, after sending them.
    await expect(page.getByRole("heading", { name: /^Run / })).toContainText("faulted", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.locator("pre.alert")).toContainText("answered 401"); // sent, not refused before sending
  await db.referencePolicyEntry.deleteMany({ where: { providerConfigId: ws.configId } });

  const token = await createApiToken(ws.id);
  const apiBodies: string[] = [];
  for (const path of [
    `/api/v1/connections/${refConnection.id}/refresh`,
    `/api/v1/connections/${litConnection.id}/refresh`,
    "/api/secrets_management/clear_cache",
  ]) {
    const res = await request.post(path, { headers: { authorization: `Bearer ${token}` } });
    apiBodies.push(await res.text());
  }
  expect(apiBodies[0]).toContain('"code":"reference_not_allowed"'); // the policy entry is gone: refused before any fetch
  const runToken = await createApiToken(ws.id);
  await db.apiToken.update({ where: { tokenHash: createHash("sha256").update(runToken).digest("hex") }, data: { scopes: "workflows:run" } });
  const runApi = await request.get(`/api/v1/projects/${ws.projects[0]!.id}/workflows/leak/canary/runs/${runId}`, {
    headers: { authorization: `Bearer ${runToken}` },
  });
  expect(runApi.status()).toBe(200);
  apiBodies.push(await runApi.text());
  expect(apiBodies.at(-1)).toContain('"status":"faulted"');
  // Faulted because the demo API answered 401 to the values it was sent, not because a secret did not resolve.
  expect(apiBodies.at(-1)).toContain("answered 401");

  const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  const cookies = JSON.stringify(await context.cookies());
  const serverLog = readFileSync(E2E_SERVER_LOG, "utf8");
  expect(serverLog).toContain("signed in"); // the log scan sees what the server printed
  const dbPath = E2E_ENV.DATABASE_URL!.replace(/^file:/, "");
  await db.$executeRawUnsafe("PRAGMA wal_checkpoint(FULL)").catch(() => undefined);
  const dbFiles = [dbPath, `${dbPath}-wal`, `${dbPath}-journal`].filter(existsSync).map((f) => readFileSync(f));
  expect(dbFiles[0]!.includes(Buffer.from("Canary by reference"))).toBe(true); // the file scan sees plaintext columns

  expect(bodies.length).toBeGreaterThan(10);
  for (const canary of [referenced, literal]) {
    expect(
      bodies.filter((b) => b.includes(canary)).map((b) => b.split("\n")[0]),
      `${canary} in a page or RSC response`,
    ).toEqual([]);
    expect(
      apiBodies.some((b) => b.includes(canary)),
      `${canary} in an API response`,
    ).toBe(false);
    expect(storage.includes(canary) || cookies.includes(canary), `${canary} in browser storage`).toBe(false);
    expect(serverLog.includes(canary), `${canary} in the server output`).toBe(false);
    expect(
      dbFiles.some((f) => f.includes(Buffer.from(canary))),
      `${canary} in the database files`,
    ).toBe(false);
  }
});
