import { E2E_EMULATORS } from "../support/e2e-env";
import { expect, screenshot, test } from "../fixtures";
import { API_TOKEN_REF, API_TOKEN_VALUE, fillHttpConnection, resetAws, runTest, seedAwsWorkspace, signInAs } from "./support";

test.afterEach(async () => {
  await resetAws();
});

test("an editor picks the bearer token's secret in the browser, and the test resolves it and reaches the API", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  await signInAs(page, ws.admin.email);
  await page.goto(ws.connections);
  await expect(page.getByRole("heading", { name: "No connections yet" })).toBeVisible();
  await page.getByRole("link", { name: "New connection" }).first().click();

  await page.getByLabel("Name", { exact: true }).fill("Payments API");
  await page.getByLabel("Base URL").fill(E2E_EMULATORS.demoTarget);
  await page.getByLabel("Test path").fill("/health");
  const token = page.getByRole("group", { name: "Bearer token" });
  await token.getByRole("radio", { name: "Secret reference" }).check();
  await expect(token).toContainText("Format: {{workato:sm:<key>:<secret ARN>}}");
  await token.getByRole("button", { name: "Browse secrets" }).click();
  const browser = page.getByRole("dialog", { name: "Pick a secret for Bearer token" });
  await browser.getByRole("button", { name: "Insert reference prod/api-token" }).click();
  await expect(browser).toHaveCount(0);
  await expect(token.getByLabel("Bearer token")).toHaveValue(API_TOKEN_REF);
  await expect(token.getByLabel("Bearer token")).toBeFocused();
  await screenshot(page, "connection-form-reference");

  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByRole("heading", { name: "Payments API" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Credentials" })).toContainText(API_TOKEN_REF);
  await expect(page.getByTestId("last-test")).toHaveText("Not tested yet.");

  const results = await runTest(page);
  await expect(results).toContainText("Connection works.");
  const steps = results.getByRole("listitem");
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toContainText("Resolve Bearer token");
  await expect(steps.nth(0)).toContainText("Fetched from the provider");
  await expect(steps.nth(0)).toContainText(API_TOKEN_REF);
  await expect(steps.nth(1)).toContainText(`${E2E_EMULATORS.demoTarget} answered 200.`);
  await screenshot(page, "connection-test-success");
  expect(await page.content()).not.toContain(API_TOKEN_VALUE);

  await page.getByRole("link", { name: "← Connections" }).click();
  const row = page.getByRole("row", { name: /Payments API/ });
  await expect(row.getByText("Passed")).toBeVisible();
  await expect(row.getByRole("cell", { name: "HTTP API" })).toBeVisible();
  await screenshot(page, "connections-list");
});

test("a literal token works, a wrong one shows the API's refusal, and the stored literal never comes back", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  await signInAs(page, ws.admin.email);
  await page.goto(`${ws.connections}/new`);
  await fillHttpConnection(page, { name: "Literal API", token: { literal: API_TOKEN_VALUE } });
  await expect(page.getByRole("group", { name: "Bearer token" }).getByLabel("Bearer token")).toHaveAttribute("type", "password");
  await screenshot(page, "connection-form-literal");
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByText("Connection created.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Credentials" })).toContainText("Set Literal, stored encrypted");
  expect(await page.content()).not.toContain(API_TOKEN_VALUE);

  let results = await runTest(page);
  await expect(results).toContainText("Connection works.");
  await expect(results.getByRole("listitem").first()).toContainText("No secret references");

  // Replace the stored literal with a token the API refuses.
  await page.getByRole("link", { name: "Edit" }).click();
  const token = page.getByRole("group", { name: "Bearer token" });
  await expect(token.getByText("Set", { exact: true })).toBeVisible();
  await expect(token.getByLabel("Bearer token")).toHaveCount(0);
  expect(await page.content()).not.toContain(API_TOKEN_VALUE);
  await token.getByRole("button", { name: "Replace" }).click();
  await token.getByLabel("Bearer token").fill("wrong-token-0000");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Connection saved.")).toBeVisible();

  results = await runTest(page);
  await expect(results).toContainText("Test failed.");
  await expect(results).toContainText("Test failed. The target did not accept the connection.");
  await expect(results.getByRole("listitem").last()).toContainText(`${E2E_EMULATORS.demoTarget} refused the credentials (401).`);
  await screenshot(page, "connection-test-failure-target");
  expect(await page.content()).not.toContain("wrong-token-0000");

  await page.getByRole("link", { name: "← Connections" }).click();
  await expect(page.getByRole("row", { name: /Literal API/ }).getByText("Failed")).toBeVisible();
});

test("a PostgreSQL connection takes its user and password from one JSON secret's keys", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  await signInAs(page, ws.admin.email);
  await page.goto(`${ws.connections}/new`);
  await page.getByLabel("Name", { exact: true }).fill("Orders DB");
  await page.getByLabel("Type").selectOption("postgres");
  await page.getByLabel("Host").fill("127.0.0.1");
  // Port 1: nothing listens there, so the target step fails the same way on every machine.
  await page.getByLabel("Port").fill("1");
  await page.getByLabel("Database").fill("orders");
  await page.getByLabel("SSL mode").selectOption("disable");
  for (const [field, key] of [
    ["User", "username"],
    ["Password", "password"],
  ] as const) {
    const group = page.getByRole("group", { name: field, exact: true });
    await group.getByRole("radio", { name: "Secret reference" }).check();
    await group.getByRole("button", { name: "Browse secrets" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Search secret names").fill("prod/db");
    // Key names cost a read, so they come only when the row is expanded (docs/cache.md).
    await dialog.getByRole("button", { name: "Show keys of prod/db" }).click();
    await dialog.getByRole("button", { name: `Insert reference ${key}` }).click();
    await expect(group.getByLabel(field, { exact: true })).toHaveValue(
      new RegExp(`^\\{\\{workato:sm:${key}:arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Xk3pQ9\\}\\}$`),
    );
  }
  await expect(page.getByRole("group", { name: "CA certificate (PEM) (optional)" })).toBeVisible();
  await screenshot(page, "connection-form-postgres");
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByText("Connection created.")).toBeVisible();

  const results = await runTest(page);
  const steps = results.getByRole("listitem");
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText("Resolve User");
  await expect(steps.nth(1)).toContainText("Resolve Password");
  // Both keys come from one secret: one provider call serves them.
  for (const i of [0, 1]) await expect(steps.nth(i)).toContainText("Fetched from the provider");
  await expect(steps.nth(2)).toContainText("Connect to the target");
  await expect(steps.nth(2)).toHaveClass(/fail/);
  expect(await page.content()).not.toContain("demo-db-password-123");
});
