// The Operations page with data from real actions: connection tests (a hit, a miss, a denial) and a refresh
// resolve through the cache and the AWS emulator; the instance flushes its per-minute aggregates, the page
// charts them, each chart links to the filtered audit log, and the scrape endpoint counts the same actions.
import { expect, screenshot, test } from "../fixtures";
import { E2E_METRICS_TOKEN } from "../support/e2e-env";
import { API_TOKEN_REF, createHttpConnection, resetAws, runTest, seedAwsWorkspace, signInAs } from "../connections/support";

test.afterEach(async () => {
  await resetAws();
});

/** The value of one series in a Prometheus exposition (0 when absent). */
function counter(exposition: string, series: string): number {
  const line = exposition.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const SERIES = {
  testsOk: 'keyhold_connection_checks_total{kind="test",outcome="ok"}',
  cacheHits: 'keyhold_resolutions_total{outcome="cache_hit"}',
  awsFetches: 'keyhold_provider_calls_total{provider="aws",operation="fetch",outcome="ok"}',
};

test("an admin reads charts of real resolutions, tests and provider calls, and follows a chart to the audit log", async ({ page, request }) => {
  // The server's counters are process-wide and other specs share it: this spec asserts what its own actions add.
  const scrapeText = async () => (await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } })).text();
  const before = await scrapeText();
  const ws = await seedAwsWorkspace();
  await signInAs(page, ws.admin.email);
  await createHttpConnection(page, ws, { name: "Charted API", token: { reference: API_TOKEN_REF } });
  await expect(await runTest(page)).toContainText("Connection works."); // a miss: fetched from the provider
  await expect(await runTest(page)).toContainText("Connection works."); // a hit
  await page.getByRole("button", { name: "Refresh", exact: true }).click();
  await expect(page.getByText(/Dropped 1 cached value/)).toBeVisible({ timeout: 20_000 });

  // The scrape endpoint counts the same actions, with no secret name in it.
  const scrape = await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(scrape.status()).toBe(200);
  const text = await scrape.text();
  const added = (series: string) => counter(text, series) - counter(before, series);
  expect(added(SERIES.testsOk)).toBeGreaterThanOrEqual(2);
  expect(added(SERIES.cacheHits)).toBeGreaterThanOrEqual(1);
  expect(added(SERIES.awsFetches)).toBeGreaterThanOrEqual(1);
  expect(text).not.toContain("prod/api-token");
  expect((await request.get("/api/metrics")).status()).toBe(401);
  // Every response carries its request id; a load balancer's valid id is kept.
  expect(scrape.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const ready = await request.get("/api/ready", { headers: { "x-request-id": "lb-trace-000123" } });
  expect(ready.headers()["x-request-id"]).toBe("lb-trace-000123");
  expect(await ready.json()).toMatchObject({
    status: "ready",
    checks: { migrations: { state: "applied" }, cacheBus: { state: "local" }, runQueue: { state: "running" } },
  });

  // The instance flushes every METRICS_FLUSH_SECONDS (2 in the e2e run): poll the page until the charts show it.
  const checks = page.getByTestId("chart-checks");
  await expect(async () => {
    await page.goto(`/w/${ws.id}/operations`);
    // The refresh came last: once it is charted, everything before it is too.
    await expect(checks.getByRole("list", { name: /legend/ })).toContainText("refresh ok", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Operations", level: 1 })).toBeVisible();
  await expect(checks.getByRole("list", { name: /legend/ })).toContainText("test ok");
  await expect(checks.getByRole("list", { name: /legend/ })).toContainText("refresh ok");
  await expect(page.getByTestId("chart-resolutions").getByRole("list", { name: /legend/ })).toContainText("cache hit");
  await expect(page.getByTestId("chart-resolutions").getByRole("list", { name: /legend/ })).toContainText("cache miss");
  await expect(page.getByTestId("chart-latency").getByRole("list", { name: /legend/ })).toContainText("aws p99");
  await expect(page.getByTestId("chart-hit-ratio").getByRole("img")).toBeVisible();
  await screenshot(page, "operations-24h");

  await page.getByRole("link", { name: "Last 30 days" }).click();
  await expect(page.getByTestId("operations-window")).toContainText("6-hour steps");
  await expect(page.getByTestId("chart-checks").getByRole("img")).toBeVisible();

  // Each chart links to the filtered audit log, where events read as sentences.
  await page.getByTestId("chart-checks").getByRole("link", { name: "Audit log for this" }).click();
  await expect(page).toHaveURL(/\/audit\?action=connection\.tested/);
  await expect(page.getByRole("table")).toContainText(`${ws.admin.email} tested a connection`);
  await page.getByText("Raw JSON").first().click();
  await expect(page.locator("pre").first()).toContainText('"ok": true');
  await screenshot(page, "audit-readable");
});

test("the Operations page is for workspace admins only", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  await signInAs(page, ws.member.email);
  await expect(page.getByRole("link", { name: "Operations" })).toHaveCount(0);
  const res = await page.goto(`/w/${ws.id}/operations`);
  expect(res?.status()).toBe(403);
});
