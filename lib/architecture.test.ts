// The house rules that keep the design easy to see (STYLE.md), checked on every run instead of remembered.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

const product = [...sourceFiles(join(ROOT, "app")), ...sourceFiles(join(ROOT, "components")), ...sourceFiles(join(ROOT, "lib"))].filter(
  (f) => !/\.test\.ts$/.test(f) && !f.startsWith("lib/testing/") && !f.startsWith("lib/cli/"),
);
const read = (f: string) => readFileSync(join(ROOT, f), "utf8");

describe("architecture", () => {
  it("reads configuration only through lib/env.ts (CLI launchers and test helpers set up processes and are exempt)", () => {
    const offenders = product.filter((f) => f !== "lib/env.ts" && /process\.env\b/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it("touches the database only from lib/data (and the client itself, the migration runner and the cache bus)", () => {
    const offenders = product.filter(
      (f) => !f.startsWith("lib/data/") && !f.startsWith("lib/migrations/") && f !== "lib/db.ts" && /from ["']@\/lib\/(db|generated\/prisma[^"']*)["']/.test(read(f)),
    );
    expect(offenders).toEqual([]);
  });

  it("marks every data-layer module server-only", () => {
    const offenders = product.filter((f) => f.startsWith("lib/data/") && !read(f).startsWith('import "server-only";'));
    expect(offenders).toEqual([]);
  });

  it("never lets provider code talk to an emulator directly", () => {
    const offenders = product.filter((f) => /e2e\/emulators/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it("starts every server action module with 'use server' and authorizes in each exported action", () => {
    for (const f of product.filter((p) => p.startsWith("lib/actions/"))) {
      const text = read(f);
      expect(text.startsWith('"use server";'), f).toBe(true);
      const actions = text.split(/export async function /).slice(1);
      for (const body of actions) {
        const name = body.slice(0, body.indexOf("("));
        // Signing in is how one gets a session; signing out only ends the caller's own cookie session.
        if (name === "signInAction" || name === "signOutAction") continue;
        // The one-time setup of an empty database authorizes with the setup token instead (lib/auth/setup-token.ts).
        expect(/require(User|Workspace|Project)\(|ownerActor\(|verifySetupToken\(/.test(body), `${f}: ${name} must authorize`).toBe(true);
      }
    }
  });
});
