// An editor maps a workflow secret with the secret browser, writes a workflow with a schema error (inline
// problem with line and column), fixes it, runs it and reads the trace; a secret-bearing call to a host that is
// not on the workflow's allowed hosts is refused with the authorization error.
import { db } from "@/lib/db";
import { E2E_ADMIN, E2E_EMULATORS } from "../support/e2e-env";
import { expect, PASSWORD, signIn, test } from "../fixtures";
import { API_TOKEN_REF, API_TOKEN_VALUE, resetAws, seedAwsWorkspace, signInAs } from "../connections/support";

test.afterEach(async () => {
  await resetAws();
});

const definition = (endpoint: string) => `document:
  dsl: '1.0.0'
  namespace: e2e
  name: call-demo
  version: '1.0.0'
use:
  secrets: [api-token]
do:
  - callDemo:
      call: http
      with:
        method: get
        endpoint: ${endpoint}
        headers:
          authorization: Bearer $SECRETS.api-token
`;

test("map a secret, fix a schema error, run, read the trace; a host off the allow-list is refused", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  const base = `/w/${ws.id}/p/${ws.projects[0]!.id}/workflows`;
  await signInAs(page, ws.owner.email);

  await page.goto(`${base}/secrets`);
  await page.getByLabel("Secret name", { exact: true }).fill("api-token");
  await page.getByRole("button", { name: "Insert reference prod/api-token" }).click();
  await expect(page.getByLabel("Reference", { exact: true })).toHaveValue(API_TOKEN_REF);
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Save secret" }).click();
  await expect(page.getByText("api-token saved.")).toBeVisible();
  await expect(page.getByRole("cell", { name: API_TOKEN_REF })).toBeVisible();

  await page.goto(`${base}/new`);
  await page.getByLabel(/^Definition/).fill(definition(`${E2E_EMULATORS.demoTarget}/health`).replace("call: http", "call: htttp"));
  await page.getByRole("button", { name: "Save definition" }).click();
  await expect(page.getByRole("list", { name: "Problems" })).toContainText(/Line \d+, column \d+/);

  await page.getByLabel(/^Definition/).fill(definition(`${E2E_EMULATORS.demoTarget}/health`));
  await page.getByRole("button", { name: "Save definition" }).click();
  await expect(page.getByRole("heading", { name: "e2e/call-demo" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Workflow graph: callDemo" })).toBeVisible();

  await page.getByLabel("Allowed hosts (one per line)").fill(new URL(E2E_EMULATORS.demoTarget).host);
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Save allowed hosts" }).click();
  await expect(page.getByText("Allowed hosts saved.")).toBeVisible();

  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Run / })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("heading", { name: /^Run / })).toContainText("completed", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const trace = page.getByRole("region", { name: "Trace" });
  await expect(trace.getByRole("row").filter({ hasText: "/do/0/callDemo" }).filter({ hasText: "task.completed" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(API_TOKEN_VALUE);

  // The same call to localhost (the same server, another host name) carries the secret to a host not allowed.
  await page.getByRole("link", { name: "e2e/call-demo" }).click();
  await page.getByLabel(/^Definition/).fill(definition(`${E2E_EMULATORS.demoTarget.replace("127.0.0.1", "localhost")}/health`));
  await page.getByRole("button", { name: "Save definition" }).click();
  await expect(page.getByText("Saved as revision 2.")).toBeVisible();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Run / })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("heading", { name: /^Run / })).toContainText("faulted", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.locator("pre.alert")).toContainText("errors/authorization");
  await expect(page.locator("pre.alert")).toContainText("not on this workflow's allowed hosts");
});

test("the demo's Payments workflow runs at once with the token from its provider", async ({ page }) => {
  const wf = await db.workflow.findFirstOrThrow({ where: { namespace: "demo", name: "check-payments-api" }, orderBy: { id: "asc" } });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${wf.workspaceId}/p/${wf.projectId}/workflows/${wf.id}`);
  await expect(page.getByRole("img", { name: "Workflow graph: callPaymentsApi" })).toBeVisible();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Run / })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("heading", { name: /^Run / })).toContainText("completed", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText("payments-api-token (")).toBeVisible();
});
