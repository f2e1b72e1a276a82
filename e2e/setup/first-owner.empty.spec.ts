// A fresh production install: the server starts on an empty database (playwright.empty.config.ts), prints a
// one-time setup token in its log, and whoever can read that log creates the first owner and workspace.
import { readFileSync } from "node:fs";
import { db } from "@/lib/db";
import { E2E_SERVER_LOG } from "../support/e2e-env";
import { expect, PASSWORD, screenshot, seed, signIn, test } from "../fixtures";

const OWNER = { name: "Olivia Owner", email: "olivia@acme.example", password: "first-owner-password-1" };

async function setupTokenFromLog(): Promise<string> {
  let token: string | undefined;
  await expect(async () => {
    token = /Setup token: (kh_setup_[A-Za-z0-9_-]+)/.exec(readFileSync(E2E_SERVER_LOG, "utf8"))?.[1];
    expect(token, "the server printed a setup token").toBeTruthy();
  }).toPass({ timeout: 10_000 });
  return token!;
}

test("the first owner sets up an empty install with the token from the server log, then creates a workspace", async ({ page }) => {
  expect(await db.user.count()).toBe(0);
  await page.goto("/login");
  await expect(page.getByText("No account exists yet.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toHaveCount(0);
  await screenshot(page, "setup-sign-in-empty");
  await page.getByRole("link", { name: "Set up Keyhold" }).click();
  await expect(page.getByRole("heading", { name: "Set up Keyhold" })).toBeVisible();

  const fill = async (token: string) => {
    await page.getByLabel("Setup token").fill(token);
    await page.getByLabel("Your name").fill(OWNER.name);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
    await page.getByLabel("Confirm password").fill(OWNER.password);
    await page.getByLabel("Workspace name").fill("Acme");
    await page.getByRole("button", { name: "Create owner and workspace" }).click();
  };
  // Someone who found the port but cannot read the server's log.
  await fill("kh_setup_guessed");
  await expect(page.getByText("This is not the setup token this server printed.")).toBeVisible();
  expect(await db.user.count()).toBe(0);

  await fill(await setupTokenFromLog());
  await expect(page).toHaveURL(/\/login\?setup=done$/);
  await expect(page.getByText("Setup complete. Sign in with the email and password you chose.")).toBeVisible();
  // Never twice: the setup page is closed once an account exists.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);

  await signIn(page, OWNER.email, OWNER.password);
  await expect(page.getByRole("heading", { name: "Acme" })).toBeVisible();
  await expect(page.getByText("No projects yet").first()).toBeVisible();
  expect(await db.project.count()).toBe(0); // no demo data
  expect(await db.secretsProviderConfig.count()).toBe(0);
  const first = /\/w\/(\d+)/.exec(page.url())![1];

  await page.getByRole("button", { name: "New workspace" }).click();
  const dialog = page.getByRole("dialog", { name: "New workspace" });
  await dialog.getByLabel("Name").fill("Acme staging");
  await screenshot(page, "setup-new-workspace");
  await dialog.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { name: "Acme staging" })).toBeVisible();
  expect(page.url()).not.toContain(`/w/${first}`);
  await expect(page.getByRole("link", { name: "Acme", exact: true })).toBeVisible(); // switch back

  await page.goto(`/w/${first}/audit`);
  const log = page.getByRole("table");
  await expect(log.getByText("setup.completed")).toBeVisible();
  await expect(log.getByText("workspace.created")).toHaveCount(2); // Acme itself, and Acme staging
});

test("a provider kind the installation switched off cannot be chosen", async ({ page }) => {
  const ws = await seed.workspace();
  await signIn(page, ws.owner.email, PASSWORD);
  await page.goto(`/w/${ws.id}/settings/secrets`);
  await expect(page.getByRole("radio", { name: "AWS Secrets Manager" })).toBeDisabled();
  await expect(page.getByText("Switched off on this installation (PROVIDERS).")).toBeVisible();
  await expect(page.getByRole("radio", { name: "Azure Key Vault" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Azure Key Vault" })).toBeEnabled();
  await screenshot(page, "provider-kind-switched-off");
});

test("only owners see New workspace", async ({ page }) => {
  const ws = await seed.workspace();
  await signIn(page, ws.admin.email, PASSWORD);
  await expect(page.getByRole("heading", { name: ws.name })).toBeVisible();
  await expect(page.getByRole("button", { name: "New workspace" })).toHaveCount(0);
});
