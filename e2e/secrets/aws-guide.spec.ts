import { readFileSync } from "node:fs";
import { db } from "@/lib/db";
import { expect, screenshot, seed, test } from "../fixtures";
import { DEMO, emulatorState, signInAs } from "./seed";

const ACCOUNT = "111122223333";

test.afterEach(async () => {
  await emulatorState("aws", { op: "reset" });
});

test("the project AWS guide shows our account and this project's External ID, and generates its policies", async ({ page, context }) => {
  const ws = await seed.workspace();
  const project = ws.projects[0]!;
  const externalId = `workato_iam_external_id_${ws.id}_${project.id}`;
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/p/${project.id}/connections`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Secrets" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws.id}/p/${project.id}/settings/secrets$`));
  await expect(page.getByRole("status").filter({ hasText: "This configuration is not in use yet." })).toBeVisible();
  await expect(page.getByRole("radio", { name: "AWS Secrets Manager" })).toBeChecked();

  await expect(page.getByTestId("aws-account-id")).toHaveText(ACCOUNT);
  await expect(page.getByTestId("external-id")).toHaveText(externalId);
  const externalIdField = page.getByTestId("external-id").locator("xpath=..");
  await externalIdField.getByRole("button", { name: "Copy" }).click();
  await expect(externalIdField.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(externalId);

  const trust = JSON.parse((await page.getByTestId("trust-policy").textContent())!);
  expect(trust.Statement).toEqual([
    {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "sts:ExternalId": externalId } },
    },
  ]);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: `Download keyhold-trust-policy-${externalId}.json` }).click();
  const file = await (await download).path();
  expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(trust);

  const permissions = async () => JSON.parse((await page.getByTestId("permission-policy").textContent())!);
  expect((await permissions()).Statement.map((s: { Action: string[]; Resource: string }) => [s.Action, s.Resource])).toEqual([
    [["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"], "*"],
    [["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], "*"],
  ]);
  // A prefix narrows the reads to the customer's account (taken from the role ARN) and those names.
  await page.getByLabel("Secret name prefix (optional)").fill("prod/");
  await page.getByLabel("Role ARN").fill(DEMO.aws.role);
  await expect.poll(async () => (await permissions()).Statement[1].Resource).toBe("arn:aws:secretsmanager:*:123456789012:secret:prod/*");
  const permissionDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: `Download keyhold-permission-policy-${externalId}.json` }).click();
  expect(JSON.parse(readFileSync(await (await permissionDownload).path(), "utf8"))).toEqual(await permissions());
  await screenshot(page, "aws-guide-project");

  // The same guide at workspace scope, with the workspace's External ID.
  await page.goto(`/w/${ws.id}/settings/secrets`);
  await expect(page.getByTestId("aws-account-id")).toHaveText(ACCOUNT);
  await expect(page.getByTestId("external-id")).toHaveText(`workato_iam_external_id_${ws.id}`);
  expect(JSON.parse((await page.getByTestId("trust-policy").textContent())!).Statement[0].Condition.StringEquals["sts:ExternalId"]).toBe(
    `workato_iam_external_id_${ws.id}`,
  );
  await screenshot(page, "aws-guide-workspace");
});

test("a malformed role ARN is refused inline; missing ListSecrets, a wrong External ID, then the right role", async ({ page }) => {
  const ws = await seed.workspace();
  const project = ws.projects[0]!;
  const externalId = `workato_iam_external_id_${ws.id}_${project.id}`;
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/p/${project.id}/settings/secrets`);

  const roleArn = page.getByLabel("Role ARN");
  await roleArn.fill("arn:aws:iam::12345:role/keyhold");
  await page.getByLabel("Region").fill(DEMO.aws.region);
  await expect(page.getByText("Enter a role ARN like arn:aws:iam::123456789012:role/keyhold.")).toBeVisible();
  await expect(roleArn).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Enter a role ARN like arn:aws:iam::123456789012:role/keyhold.")).toBeVisible();
  await screenshot(page, "aws-role-arn-invalid");
  expect(await db.secretsProviderConfig.count({ where: { projectId: project.id } })).toBe(0);

  // A role that trusts this project's External ID but lacks secretsmanager:ListSecrets.
  await emulatorState("aws", { op: "setRoleTrust", roleArn: DEMO.aws.noListRole, externalId });
  await roleArn.fill(DEMO.aws.noListRole);
  await expect(roleArn).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Now test it." })).toBeVisible();
  await page.getByRole("button", { name: "Test configuration" }).click();
  const result = page.getByRole("alert", { name: "Test result" });
  await expect(result).toContainText(`The role ${DEMO.aws.noListRole} lacks secretsmanager:ListSecrets.`);
  await expect(result).toContainText("Missing permission: secretsmanager:ListSecrets");
  expect(JSON.parse((await result.getByTestId("error-snippet").textContent())!)).toMatchObject({
    Effect: "Allow",
    Action: expect.arrayContaining(["secretsmanager:ListSecrets"]),
    Resource: "*",
  });
  await expect(result.getByTestId("error-command")).toHaveText(
    new RegExp(`^aws iam simulate-principal-policy --policy-source-arn ${DEMO.aws.noListRole} --action-names .*secretsmanager:ListSecrets`),
  );
  await screenshot(page, "aws-test-missing-list");

  // A role whose trust policy expects another External ID.
  await roleArn.fill(DEMO.aws.role);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Now test it." })).toBeVisible();
  await expect(page.getByText("No unsaved changes.")).toBeVisible();
  await page.getByRole("button", { name: "Test configuration" }).click();
  await expect(result).toContainText(
    `AWS refused to let Keyhold assume ${DEMO.aws.role}: the role's trust policy does not allow principal arn:aws:iam::${ACCOUNT}:root with External ID ${externalId}`,
  );
  await expect(result.getByTestId("error-command")).toHaveText("aws iam get-role --role-name keyhold-demo");
  expect(JSON.parse((await result.getByTestId("error-snippet").textContent())!).Statement[0].Condition.StringEquals["sts:ExternalId"]).toBe(externalId);
  await screenshot(page, "aws-test-trust-policy");

  // The customer fixes the trust policy; Test assumes the role afresh.
  await emulatorState("aws", { op: "setRoleTrust", roleArn: DEMO.aws.role, externalId });
  await page.getByRole("button", { name: "Test configuration" }).click();
  const ok = page.getByRole("status", { name: "Test result" });
  await expect(ok).toContainText("3 secrets visible");
  await expect(ok).toContainText(`Assumed ${DEMO.aws.role}`);
  await expect(ok.getByText("prod/db", { exact: true })).toBeVisible();
  const browser = page.getByRole("region", { name: "Secret browser" });
  await expect(browser.getByText("prod/api-token", { exact: true })).toBeVisible();
  await screenshot(page, "aws-test-success");
  const config = await db.secretsProviderConfig.findFirstOrThrow({ where: { projectId: project.id, currentOwnerKey: { not: null } } });
  expect(config).toMatchObject({ kind: "aws", lastTestOk: true });
  expect(await db.auditEvent.count({ where: { workspaceId: ws.id, action: "secrets.provider.tested" } })).toBe(3);
});

test("a misspelt region asks 'did you mean'; Test names the region searched, reads a named secret, and fails a role that cannot read", async ({ page }) => {
  const ws = await seed.workspace();
  const project = ws.projects[0]!;
  const externalId = `workato_iam_external_id_${ws.id}_${project.id}`;
  const dbArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Xk3pQ9";
  await emulatorState("aws", { op: "setRoleTrust", roleArn: DEMO.aws.role, externalId });
  await signInAs(page, ws.admin.email);
  await page.goto(`/w/${ws.id}/p/${project.id}/settings/secrets`);

  await page.getByLabel("Role ARN").fill(DEMO.aws.role);
  await page.getByLabel("Region", { exact: true }).fill("us-esat-1");
  const question = 'The AWS SDK does not know the region "us-esat-1". Did you mean us-east-1?';
  await expect(page.getByRole("status").filter({ hasText: question })).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(`${question} If it is a new region, tick "Use it anyway".`).first()).toBeVisible();
  expect(await db.secretsProviderConfig.count({ where: { projectId: project.id } })).toBe(0);
  await page.getByRole("checkbox", { name: /Use it anyway/ }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Now test it." })).toBeVisible();

  await page.getByRole("button", { name: "Test configuration" }).click();
  const ok = page.getByRole("status", { name: "Test result" });
  await expect(ok).toContainText("0 secrets visible in region us-esat-1");
  await expect(ok).toContainText("References are read in the region their ARN names");
  await expect(ok).toContainText("Reading is untested");
  await screenshot(page, "aws-test-empty-region");

  await page.getByLabel("Region", { exact: true }).fill("us-east-1");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Now test it." })).toBeVisible();
  await page.getByLabel("Secret to read (optional)").fill(dbArn);
  await page.getByRole("button", { name: "Test configuration" }).click();
  const steps = ok.getByRole("list", { name: "Test steps" });
  await expect(steps.getByRole("listitem").filter({ hasText: "Read prod/db" })).toContainText("(passed)");
  await expect(steps).toContainText("Read a JSON secret with 3 keys; the value stays on the server.");
  expect(await page.content()).not.toContain("demo-db-password-123");
  await screenshot(page, "aws-test-read");

  // The role keeps ListSecrets but loses every read permission: Test fails at the read step, naming it.
  await emulatorState("aws", {
    op: "setRolePermissions",
    roleArn: DEMO.aws.role,
    permissions: [{ actions: ["secretsmanager:ListSecrets"], resources: ["*"] }],
  });
  await page.getByLabel("Secret to read (optional)").fill(dbArn);
  await page.getByRole("button", { name: "Test configuration" }).click();
  const failed = page.getByRole("alert", { name: "Test result" });
  await expect(failed.getByRole("listitem").filter({ hasText: "List secrets in us-east-1" })).toContainText("(passed)");
  await expect(failed.getByRole("listitem").filter({ hasText: "Read prod/db" })).toContainText("(failed)");
  await expect(failed).toContainText(`lacks secretsmanager:GetSecretValue on ${dbArn}`);
  await expect(failed).toContainText("Missing permission: secretsmanager:GetSecretValue");
  await screenshot(page, "aws-test-read-denied");
});
