// A permission revoked in the provider (the AWS emulator) reaches workflow runs after "Clear cache": the next
// run raises the authorization error, which faults a run that does not catch it and is caught by one written
// with try/catch. (A host outside the allow-list is refused: e2e/workflows/workflow.spec.ts.)
import { expect, PASSWORD, test } from "../fixtures";
import { E2E_EMULATORS } from "../support/e2e-env";
import { API_TOKEN_REF, awsState, DEMO_ROLE, resetAws, seedAwsWorkspace, signInAs } from "../connections/support";

test.afterEach(async () => {
  await resetAws();
});

const call = `callDemo:
      call: http
      with:
        method: get
        endpoint: ${E2E_EMULATORS.demoTarget}/health
        headers:
          authorization: Bearer $SECRETS.api-token`;
const head = "document: { dsl: '1.0.0', namespace: e2e, name: revoked, version: '1.0.0' }\nuse:\n  secrets: [api-token]\ndo:\n";
const strict = `${head}  - ${call}\n`;
const caught = `${head}  - guarded:
      try:
        - ${call.replaceAll("\n      ", "\n            ")}
      catch:
        errors:
          with:
            type: https://serverlessworkflow.io/spec/1.0.0/errors/authorization
        do:
          - fallback:
              set: { usedFallback: true }
`;

test("a revoked permission faults the next run after Clear cache, or is caught as written", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  const base = `/w/${ws.id}/p/${ws.projects[0]!.id}/workflows`;
  await signInAs(page, ws.owner.email);
  await page.goto(`${base}/secrets`);
  await page.getByLabel("Secret name", { exact: true }).fill("api-token");
  await page.getByLabel("Reference", { exact: true }).fill(API_TOKEN_REF);
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Save secret" }).click();
  await expect(page.getByText("api-token saved.")).toBeVisible();
  await page.goto(`${base}/new`);
  await page.getByLabel(/^Definition/).fill(strict);
  await page.getByRole("button", { name: "Save definition" }).click();
  await expect(page.getByRole("heading", { name: "e2e/revoked" })).toBeVisible();
  await page.getByLabel("Allowed hosts (one per line)").fill(new URL(E2E_EMULATORS.demoTarget).host);
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Save allowed hosts" }).click();
  await expect(page.getByText("Allowed hosts saved.")).toBeVisible();
  const workflowUrl = page.url();

  const runAndRead = async (status: string) => {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(page.getByRole("heading", { name: /^Run / })).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("heading", { name: /^Run / })).toContainText(status, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
  };
  await runAndRead("completed");

  await awsState({ op: "setRolePermissions", roleArn: DEMO_ROLE, permissions: [{ actions: ["secretsmanager:ListSecrets"], resources: ["*"] }] });
  await page.goto(`/w/${ws.id}/settings`);
  await page.getByRole("button", { name: "Clear cache…" }).click();
  await page.getByRole("button", { name: "Clear cache", exact: true }).click();
  await expect(page.getByRole("alertdialog")).toBeHidden();

  await page.goto(workflowUrl);
  await runAndRead("faulted");
  await expect(page.locator("pre.alert")).toContainText("errors/authorization");

  await page.goto(workflowUrl);
  await page.getByLabel(/^Definition/).fill(caught);
  await page.getByRole("button", { name: "Save definition" }).click();
  await expect(page.getByText("Saved as revision 2.")).toBeVisible();
  await runAndRead("completed");
});
