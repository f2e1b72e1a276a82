import { readFileSync } from "node:fs";
import { join } from "node:path";
import { db } from "@/lib/db";
import { createTestPki } from "../emulators/azure/certs";
import { E2E_DIR, E2E_EMULATORS } from "../support/e2e-env";
import { expect, screenshot, test } from "../fixtures";
import { API_TOKEN_ARN, fillHttpConnection, resetAws, runTest, seedAwsWorkspace, signInAs } from "./support";

test.afterEach(async () => {
  await resetAws();
});

test("a malformed reference is refused inline, with the column of the problem and the expected format", async ({ page }) => {
  const ws = await seedAwsWorkspace();
  await signInAs(page, ws.admin.email);
  await page.goto(`${ws.connections}/new`);
  const malformed = `{{workato:sm:prod/api-token:${API_TOKEN_ARN.replace("123456789012", "12345")}}}`;
  await fillHttpConnection(page, { name: "Malformed API", token: { reference: malformed } });
  await page.getByRole("button", { name: "Create connection" }).click();

  const token = page.getByRole("group", { name: "Bearer token" });
  const column = malformed.indexOf("12345") + 1;
  await expect(token.getByRole("alert")).toHaveText(
    `Bearer token: Invalid secret reference at column ${column}: the account ID must be 12 digits. Expected {{workato:sm:<key>:<secret ARN>}}`,
  );
  await expect(token.getByLabel("Bearer token")).toHaveValue(malformed);
  await expect(token.getByLabel("Bearer token")).toHaveAttribute("aria-invalid", "true");
  await expect(token.getByLabel("Bearer token")).toBeFocused();
  // The rest of the form kept what was typed, selects included.
  await expect(page.getByLabel("Authentication")).toHaveValue("bearer");
  await expect(page.getByLabel("Base URL")).toHaveValue(E2E_EMULATORS.demoTarget);
  await screenshot(page, "connection-form-reference-error");
  expect(await db.connection.count({ where: { workspaceId: ws.id } })).toBe(0);

  // Editing the field clears its error; a reference typed without the prefix is stopped before sending.
  await token.getByLabel("Bearer token").fill("prod/api-token");
  await expect(token.getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(token.getByRole("alert")).toHaveText("A secret reference looks like {{workato:sm:…}}. Pick one with “Browse secrets”, or switch to Literal.");

  // Address fields take literals only.
  await token.getByLabel("Bearer token").fill(`{{workato:sm:prod/api-token:${API_TOKEN_ARN}}}`);
  await page.getByLabel("Base URL").fill(`https://{{workato:sm:prod/api-token:${API_TOKEN_ARN}}}`);
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByText("Base URL takes a literal only: secret references belong in credential fields.")).toBeVisible();
  expect(await db.connection.count({ where: { workspaceId: ws.id } })).toBe(0);
});

test("client certificate: a bad PEM is refused naming the field; one-line PEM with \\n escapes is accepted and the TLS handshake succeeds", async ({
  page,
}) => {
  const ws = await seedAwsWorkspace();
  const pki = createTestPki();
  const oneLine = (pem: string) => pem.trim().replace(/\r?\n/g, "\\n");
  await signInAs(page, ws.admin.email);
  await page.goto(`${ws.connections}/new`);
  await page.getByLabel("Name", { exact: true }).fill("mTLS endpoint");
  await page.getByLabel("Type").selectOption("https_cert");
  // The Azure emulator's TLS port (its own test CA) stands in for an mTLS server; its control API answers 200.
  await page.getByLabel("URL", { exact: true }).fill(`${E2E_EMULATORS.azureProxy.replace("http://", "https://")}/_emulator/calls`);
  const literal = async (field: string, value: string) => {
    const group = page.getByRole("group", { name: field });
    await group.getByRole("radio", { name: "Literal" }).check();
    await group.getByLabel(field).fill(value);
  };
  await literal("Client certificate (PEM)", "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----");
  await literal("Private key (PEM)", pki.serverKeyPem);
  await page.getByRole("button", { name: "Create connection" }).click();
  const certificate = page.getByRole("group", { name: "Client certificate (PEM)" });
  await expect(certificate.getByRole("alert")).toHaveText("Client certificate could not be parsed: check that the whole PEM block was pasted.");
  await screenshot(page, "connection-form-pem-error");

  await literal("Client certificate (PEM)", oneLine(pki.serverCertPem));
  // The emulator's own test CA, with real newlines.
  const emulatorPki = JSON.parse(readFileSync(join(E2E_DIR, "emulators", "azure-pki.json"), "utf8")) as { caCertPem: string };
  await literal("CA certificate (PEM)", emulatorPki.caCertPem);
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByText("Connection created.")).toBeVisible();
  const credentials = page.getByRole("region", { name: "Credentials" });
  await expect(credentials.getByText("Literal, stored encrypted")).toHaveCount(3);
  expect(await page.content()).not.toContain("PRIVATE KEY");

  const results = await runTest(page);
  await expect(results).toContainText("Connection works.");
  await expect(results.getByRole("listitem").last()).toContainText("TLS handshake with the client certificate succeeded");
});
