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
    // Actions live in lib/actions and in route-private app/**/_lib/actions.ts; safe-action.ts is the wrapper itself.
    const modules = product.filter((p) => (p.startsWith("lib/actions/") && p !== "lib/actions/safe-action.ts") || /^app\/.*\/_lib\/actions\.ts$/.test(p));
    expect(modules.length).toBeGreaterThan(1);
    for (const f of modules) {
      const text = read(f);
      expect(text.startsWith('"use server";'), f).toBe(true);
      // Either `export const fooAction = projectAction(...)` (the wrapper authorizes), or a hand-written
      // `export async function` that calls an authorization helper itself.
      for (const [, name, rest] of text.matchAll(/export (?:async function|const) (\w+)([^]*?)(?=\nexport |$)/g)) {
        const wrapped = /^\s*=\s*(public|user|workspace|project|owner)Action\(/.test(rest!);
        expect(wrapped || /require(User|Workspace|Project)\(/.test(rest!), `${f}: ${name} must authorize`).toBe(true);
      }
      expect(text, `${f} exports something other than actions`).not.toMatch(/export (?!async function|const \w+ = (public|user|workspace|project|owner)Action\()/);
    }
  });
});
