import { db } from "@/lib/db";
import { expect, test } from "../fixtures";
import { API_TOKEN_REF, API_TOKEN_VALUE, awsState, createHttpConnection, resetAws, runTest, seedAwsWorkspace, signInAs } from "./support";

test.afterEach(async () => {
  await resetAws();
});

/** Waits until the rotation poll has stored this workspace's secret metadata, and returns its version. */
async function polledVersion(workspaceId: number, differentFrom?: string, timeout = 30_000): Promise<string> {
  let version: string | undefined;
  await expect
    .poll(
      async () => {
        const row = await db.secretHealth.findFirst({ where: { workspaceId } });
        version = row?.metadata ? (JSON.parse(row.metadata) as { version?: string }).version : undefined;
        return version !== undefined && version !== differentFrom;
      },
      { timeout, intervals: [500] },
    )
    .toBe(true);
  return version!;
}

test("a rotation is used a poll later with no refresh, and a secret scheduled for deletion shows its flag on the connection", async ({ page }) => {
  test.setTimeout(180_000);
  const ws = await seedAwsWorkspace();
  // The shortest interval the settings allow.
  await db.workspace.update({ where: { id: ws.id }, data: { rotationPollSeconds: 10 } });
  await signInAs(page, ws.admin.email);
  await createHttpConnection(page, ws, { name: "Polled API", token: { reference: API_TOKEN_REF } });
  let results = await runTest(page);
  await expect(results).toContainText("Connection works.");
  // A tick may have claimed the configuration at the default 60 s before the update above: allow one such interval.
  const baseline = await polledVersion(ws.id, undefined, 75_000);

  // Rotate to a token the demo API refuses. No clear, no refresh: the poll sees the new version, drops the
  // entry and re-reads it in the background, so the next test uses the new value from the cache.
  await awsState({ op: "putSecretValue", name: "prod/api-token", secretString: "rotated-but-refused-token" });
  const rotatedAt = Date.now();
  await polledVersion(ws.id, baseline);
  expect(Date.now() - rotatedAt).toBeLessThan(10_000 + 5_000 + 2_000);
  results = await runTest(page);
  await expect(results).toContainText("refused the credentials (401)");

  // Scheduled for deletion: the next poll flags it on the connection page and the connections list.
  await awsState({ op: "putSecretValue", name: "prod/api-token", secretString: API_TOKEN_VALUE });
  await awsState({ op: "scheduleDeletion", name: "prod/api-token", recoveryDays: 7 });
  await expect
    .poll(
      async () => {
        await page.reload();
        // allTextContents does not wait for the list: before the poll there is none, and the next reload must come.
        return (await page.getByRole("list", { name: "Secret health" }).allTextContents()).join(" ");
      },
      { timeout: 30_000, intervals: [2_000] },
    )
    .toMatch(/secret is scheduled for deletion in 7 days/);
  await page.goto(ws.connections);
  await expect(page.getByRole("list", { name: "Secret health" })).toContainText("scheduled for deletion in 7 days");
  for (const value of [API_TOKEN_VALUE, "rotated-but-refused-token"]) expect(await page.content()).not.toContain(value);
});
