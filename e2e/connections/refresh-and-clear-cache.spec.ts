// Refresh on a connection and Clear cache in the cache settings: the console's refresh and clear_cache, for an
// admin who has just rotated a secret and has no API token at hand.
import { db } from "@/lib/db";
import { expect, screenshot, test } from "../fixtures";
import { API_TOKEN_REF, API_TOKEN_VALUE, awsState, createHttpConnection, resetAws, runTest, seedAwsWorkspace, signInAs } from "./support";

test.afterEach(async () => {
  await resetAws();
});

test("a failed test that used a cached value says so, and Refresh fetches the rotated secret and tests again", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  // The secret holds a token the API refuses; the fix (a rotation) comes after the value is cached.
  await awsState({ op: "putSecretValue", name: "prod/api-token", secretString: "stale-token-the-api-refuses" });
  await signInAs(page, ws.admin.email);
  await createHttpConnection(page, ws, { name: "Rotated API", token: { reference: API_TOKEN_REF } });
  let results = await runTest(page);
  await expect(results).toContainText("refused the credentials (401)");
  await expect(page.getByRole("note", { name: "Cached values used" })).toHaveCount(0); // fetched, not cached

  await awsState({ op: "putSecretValue", name: "prod/api-token", secretString: API_TOKEN_VALUE });
  results = await runTest(page);
  await expect(results.getByRole("listitem").first()).toContainText("Resolved from cache");
  await expect(results).toContainText("Test failed.");
  const hint = page.getByRole("note", { name: "Cached values used" });
  await expect(hint).toContainText("This test used cached secret values.");
  await screenshot(page, "connection-test-cached-hint");

  await hint.getByRole("button", { name: "Refresh and test again" }).click();
  await expect(page.getByText("Dropped 1 cached value and fetched them again.")).toBeVisible({ timeout: 20_000 });
  results = page.getByRole("region", { name: "Test results" });
  await expect(results).toContainText("Connection works.");
  await expect(results.getByRole("listitem").first()).toContainText("Fetched from the provider");
  await expect(hint).toHaveCount(0);

  // The header's Refresh does the same at any time.
  await page.getByRole("button", { name: "Refresh", exact: true }).click();
  await expect(page.getByText("Dropped 1 cached value and fetched them again.")).toBeVisible({ timeout: 20_000 });
  const events = await db.auditEvent.findMany({ where: { workspaceId: ws.id, action: "connection.refreshed" } });
  expect(events.map((e) => e.actorLabel)).toEqual([ws.admin.email, ws.admin.email]);
  expect(await page.content()).not.toContain(API_TOKEN_VALUE);
});

test("Clear cache asks first, drops the workspace's cached values and is audited; a project viewer cannot refresh", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  await signInAs(page, ws.admin.email);
  await createHttpConnection(page, ws, { name: "Cached API", token: { reference: API_TOKEN_REF } });
  const connectionUrl = page.url();
  await expect(await runTest(page)).toContainText("Connection works.");

  await page.goto(`/w/${ws.id}/settings`);
  await page.getByRole("button", { name: "Clear cache…" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Clear the secrets cache?" });
  await expect(dialog).toContainText("Every cached secret value of this workspace is dropped");
  await screenshot(page, "clear-cache-confirm");
  await dialog.getByRole("button", { name: "Clear cache" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(/Cache cleared: [1-9]\d* cached values? dropped/)).toBeVisible();
  const [event] = await db.auditEvent.findMany({ where: { workspaceId: ws.id, action: "secrets.cache.cleared" } });
  expect(event).toMatchObject({ actorLabel: ws.admin.email });

  // The next test fetches again.
  await page.goto(connectionUrl);
  await expect((await runTest(page)).getByRole("listitem").first()).toContainText("Fetched from the provider");

  // A workspace member who only views the project sees neither Test nor Refresh.
  await page.context().clearCookies();
  await signInAs(page, ws.member.email);
  await page.goto(connectionUrl);
  await expect(page.getByRole("heading", { name: "Cached API" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Refresh", exact: true })).toHaveCount(0);
});
