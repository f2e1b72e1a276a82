// The engine is a pure library (docs/workflows.md): the product injects secrets and the network, so nothing
// here may reach the database layer, server actions, services, Next.js or Prisma.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = __dirname;
const FORBIDDEN = [/^@\/lib\/(data|services|actions|db)(\/|$)/, /^next(\/|$)/, /^server-only$/, /^@prisma\//, /generated\/prisma/, /^@\/app\//];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe("lib/workflows boundaries", () => {
  it("imports nothing from the database layer, actions, services, Next.js or Prisma", () => {
    const offenders: string[] = [];
    for (const file of files(ROOT)) {
      for (const m of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        if (FORBIDDEN.some((re) => re.test(m[1]!))) offenders.push(`${relative(ROOT, file)}: ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("finds the engine's modules (the scan above is not empty)", () => {
    expect(files(ROOT).map((f) => relative(ROOT, f))).toEqual(
      expect.arrayContaining(["index.ts", "runtime/run.ts", "validate/index.ts", "expressions/pool.ts"]),
    );
  });
});
