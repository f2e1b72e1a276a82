// The house rules that keep the design easy to see (docs/architecture.md), checked on every run instead of
// remembered. The layer table itself lives in lib/architecture/layers.ts; README.md shows it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unauthorizedActions } from "./architecture/actions";
import { checkImports, repositorySources } from "./architecture/check";
import { resolveSpecifier, scanImports } from "./architecture/imports";
import { LAYERS, isTestFile, layerOf } from "./architecture/layers";
import { extractBlock, renderLayers } from "./architecture/render";

const ROOT = join(__dirname, "..");
const sources = repositorySources(ROOT);
// Shipped code; the CLI, test support and this tooling (whose table names process.env and the emulators) aside.
const product = [...sources.keys()].filter((f) => /^(app|components|lib)\//.test(f) && !isTestFile(f) && !/^lib\/(testing|cli|architecture)\//.test(f));
const read = (f: string) => sources.get(f)!;
const mayImport = (id: string) => LAYERS.find((l) => l.id === id)!.mayImport;

describe("architecture", () => {
  it("every import in the repository follows the layer table", () => {
    const violations = checkImports(sources).map((v) => `${v.file}:${v.line} ${v.specifier ?? ""}: ${v.problem}`);
    expect(violations).toEqual([]);
  });

  it("the README shows the layer table as it is (regenerate: npx tsx lib/architecture/print-layers.ts --write)", () => {
    expect(extractBlock(readFileSync(join(ROOT, "README.md"), "utf8"))).toBe(renderLayers());
  });

  it("keeps the engine and the testers free of the database, the services and Next", () => {
    for (const id of ["lib/secrets", "engine contracts", "lib/connections", "connection contracts"]) {
      expect(
        mayImport(id).filter((to) => /^(lib\/(data|services|db\.ts|auth|actions|api)|app|components)/.test(to)),
        id,
      ).toEqual([]);
      expect(LAYERS.find((l) => l.id === id)!.forbids?.packages).toEqual(["server-only", "next"]);
    }
  });

  it("lets the data layer reach nothing above it, and nothing but the engine's contracts", () => {
    expect(mayImport("lib/data").filter((to) => /^(lib\/(services|actions|api|secrets|connections|queries)|app|components)/.test(to))).toEqual([]);
  });

  it("keeps Prisma and lib/db.ts below the services", () => {
    const users = LAYERS.filter((l) => l.mayImport.includes("lib/db.ts") || l.mayImport.includes("lib/generated")).map((l) => l.id);
    expect(users.sort()).toEqual(["lib/cli", "lib/data", "lib/db.ts", "lib/migrations", "lib/testing", "prisma"]);
  });

  it("keeps components off the data layer and the services, not even types", () => {
    expect(mayImport("components").filter((to) => /^lib\/(data|services|db\.ts|auth$)/.test(to))).toEqual([]);
  });

  it("keeps client modules (components and app's 'use client' files) off server code, not even types", () => {
    const server = /^(lib\/(data|services|auth|api|secrets|connections|generated|db\.ts|log\.ts)|app\/api)$/;
    const files = new Set(sources.keys());
    const offenders = product
      .filter((f) => read(f).startsWith('"use client";'))
      .flatMap((f) =>
        scanImports(read(f)).flatMap((site) => {
          const target = site.specifier === null ? null : resolveSpecifier(f, site.specifier, files);
          const layer = target && "file" in target ? layerOf(target.file)?.id : undefined;
          return (layer && server.test(layer)) || site.specifier === "server-only" ? [`${f}: ${site.specifier}`] : [];
        }),
      );
    expect(offenders).toEqual([]);
  });

  it("reads configuration only through lib/env.ts (CLI launchers and test helpers set up processes and are exempt)", () => {
    const offenders = product.filter((f) => f !== "lib/env.ts" && /process\.env\b/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it("marks every data-layer and service module server-only", () => {
    const offenders = product.filter((f) => /^lib\/(data|services)\//.test(f) && !read(f).startsWith('import "server-only";'));
    expect(offenders).toEqual([]);
  });

  it("never lets product code talk to an emulator directly", () => {
    const offenders = product.filter((f) => /e2e\/emulators/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it("starts every server action module with 'use server', and each exported action authorizes or is built by a safe-action wrapper", () => {
    const modules = product.filter((p) => p.startsWith("lib/actions/") && p !== "lib/actions/safe-action.ts");
    expect(modules.length).toBeGreaterThan(0);
    for (const f of modules) {
      expect(read(f).startsWith('"use server";'), f).toBe(true);
      expect(unauthorizedActions(read(f)), `${f}: these actions must authorize`).toEqual([]);
    }
  });
});
