// Playwright fixtures: fresh seeded data per test (written straight into the server's SQLite file), sign-in,
// and screenshots saved as artifacts under test-results/screenshots.
import { test as base, expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { hash } from "@node-rs/argon2";
import { db } from "@/lib/db";
import { SCREENSHOT_DIR } from "./support/e2e-env";

export const PASSWORD = "e2e-Password-123";
let passwordHash: Promise<string> | undefined;

interface SeededUser {
  id: number;
  email: string;
}

export interface SeededWorkspace {
  id: number;
  name: string;
  projects: Array<{ id: number; name: string }>;
  owner: SeededUser;
  admin: SeededUser;
  /** Workspace member, viewer of the first project. */
  member: SeededUser;
}

async function user(tag: string, label: string) {
  passwordHash ??= hash(PASSWORD);
  const email = `${label}-${tag}@e2e.keyhold.local`;
  return db.user.create({
    data: { email, name: `${label[0]!.toUpperCase()}${label.slice(1)} ${tag}`, passwordHash: await passwordHash },
    select: { id: true, email: true },
  });
}

export const seed = {
  async workspace(options: { scope?: "workspace" | "project" } = {}): Promise<SeededWorkspace> {
    const tag = randomBytes(3).toString("hex");
    const ws = await db.workspace.create({ data: { name: `Workspace ${tag}`, secretsScope: options.scope ?? "workspace", egressAllowList: ["127.0.0.1"] } });
    const projects = [];
    for (const name of [`Alpha ${tag}`, `Beta ${tag}`])
      projects.push(await db.project.create({ data: { workspaceId: ws.id, name }, select: { id: true, name: true } }));
    const [owner, admin, member] = [await user(tag, "owner"), await user(tag, "admin"), await user(tag, "member")];
    await db.workspaceMembership.createMany({
      data: [
        { workspaceId: ws.id, userId: owner.id, role: "owner" },
        { workspaceId: ws.id, userId: admin.id, role: "admin" },
        { workspaceId: ws.id, userId: member.id, role: "member" },
      ],
    });
    await db.projectMembership.create({ data: { projectId: projects[0]!.id, userId: member.id, role: "viewer" } });
    return { id: ws.id, name: ws.name, projects, owner, admin, member };
  },
};

/** Fills and submits the sign-in form; the caller checks the outcome (see signIn for the usual one). */
export async function submitSignIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits until the console has taken over: a navigation right after the click would abort the sign-in. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 20_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * `page.goto` waits for the page to hydrate (components/hydration-mark.tsx) when it answered HTML: a click before
 * hydration is replayed by React afterwards, so an immediate `check()` would see the old state.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    // An uncaught error in the page is printed with the spec's output: the failure it causes is often far away.
    page.on("pageerror", (e) => console.log("page error:", e.message, e.stack?.split("\n").slice(0, 4).join(" | ")));
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      if (response?.headers()["content-type"]?.includes("text/html"))
        await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true", undefined, { timeout: 15_000 });
      return response;
    };
    await use(page);
  },
});
export { expect };
