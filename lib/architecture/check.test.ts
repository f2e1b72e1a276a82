import { describe, expect, it } from "vitest";
import { unauthorizedActions } from "./actions";
import { checkImports } from "./check";
import { extractBlock, renderLayers, replaceBlock } from "./render";

const check = (files: Record<string, string>) => checkImports(new Map(Object.entries(files))).map((v) => `${v.file}:${v.line} ${v.problem}`);

describe("checkImports", () => {
  it("accepts imports the table allows, in every form", () => {
    expect(
      check({
        "lib/data/a.ts": 'import "server-only";\nimport { parseTemplate } from "@/lib/secrets/references";\nimport type { X } from "../views/x";',
        "lib/services/b.ts": 'export * from "@/lib/data/a";\nconst m = await import("../secrets/cache/c");',
        "lib/secrets/cache/c.ts": 'export { formatReference } from "../references";',
        "lib/secrets/references.ts": "export const x = 1;",
        "lib/views/x.ts": "export type X = number;",
        "components/d.tsx": 'import type { X } from "@/lib/views/x";',
      }),
    ).toEqual([]);
  });

  it("reports the engine importing the data layer, whatever the form", () => {
    expect(
      check({
        "lib/secrets/a.ts": [
          'import { f } from "@/lib/data/f";',
          'import type { G } from "../data/f";',
          'export * from "@/lib/data/f";',
          'const m = await import("@/lib/services/s");',
          'const n = require("../services/s");',
          'import "@/lib/data/f";',
        ].join("\n"),
        "lib/data/f.ts": "",
        "lib/services/s.ts": "",
      }),
    ).toEqual([
      "lib/secrets/a.ts:1 lib/secrets may not import lib/data",
      "lib/secrets/a.ts:2 lib/secrets may not import lib/data (not even types)",
      "lib/secrets/a.ts:3 lib/secrets may not import lib/data",
      "lib/secrets/a.ts:4 lib/secrets may not import lib/services",
      "lib/secrets/a.ts:5 lib/secrets may not import lib/services",
      "lib/secrets/a.ts:6 lib/secrets may not import lib/data",
    ]);
  });

  it("reports a component importing a data-layer type", () => {
    expect(check({ "components/a.tsx": 'import type { ScopeSwitchPreview } from "@/lib/data/secrets-scope";', "lib/data/secrets-scope.ts": "" })).toEqual([
      "components/a.tsx:1 components may not import lib/data (not even types)",
    ]);
  });

  it("reports the data layer importing the engine's non-pure parts", () => {
    expect(check({ "lib/data/a.ts": 'import { createProvider } from "@/lib/secrets/provider-factory";', "lib/secrets/provider-factory.ts": "" })).toEqual([
      "lib/data/a.ts:1 lib/data may not import lib/secrets",
    ]);
  });

  it("reports server-only or next in the engine and the testers", () => {
    expect(check({ "lib/secrets/a.ts": 'import "server-only";', "lib/connections/b.ts": 'import { headers } from "next/headers";' })).toEqual([
      "lib/secrets/a.ts:1 lib/secrets must not import server-only: it runs in plain Node too (an on-prem agent process reuses it), so nothing Next-only",
      "lib/connections/b.ts:1 lib/connections must not import next: it runs in plain Node too (an on-prem agent process reuses it), so nothing Next-only",
    ]);
  });

  it("reports raw pg and Prisma outside their places", () => {
    expect(
      check({ "lib/services/a.ts": 'import pg from "pg";\nimport { Prisma } from "@prisma/client";', "lib/data/cache-bus.ts": 'import pg from "pg";' }),
    ).toEqual([
      "lib/services/a.ts:1 pg is allowed only in lib/db.ts, lib/data/cache-bus.ts, lib/data/run-wakeups.ts, lib/data/agent-bus.ts, lib/migrations/, lib/connections/testers/postgres.ts, lib/testing/, e2e/ (the Prisma client's adapter, the LISTEN/NOTIFY cache bus, run wake-ups and agent bus, the migration runner, the PostgreSQL tester)",
      "lib/services/a.ts:2 @prisma/client is allowed only in lib/db.ts, lib/data/, lib/migrations/, prisma/, e2e/, prisma.config.ts, prisma.postgres.config.ts (the database is reached through lib/db.ts and the data layer)",
    ]);
  });

  it("keeps the agent process off Next, Prisma, the data layer and the services", () => {
    expect(
      check({
        "agent/a.ts":
          'import "server-only";\nimport { db } from "@/lib/db";\nimport { x } from "@/lib/services/agent/dispatch";\nimport { PrismaClient } from "@prisma/client";',
        "lib/db.ts": "",
        "lib/services/agent/dispatch.ts": "",
      }),
    ).toEqual([
      "agent/a.ts:1 agent must not import server-only: it runs on the customer's machine in plain Node: no Next, no Prisma, no console database",
      "agent/a.ts:2 agent may not import lib/db.ts",
      "agent/a.ts:3 agent may not import lib/services",
      "agent/a.ts:4 agent must not import @prisma/client: it runs on the customer's machine in plain Node: no Next, no Prisma, no console database",
    ]);
  });

  it("reports files outside the table and imports it cannot check", () => {
    expect(check({ "scripts/x.ts": "", "lib/services/a.ts": "const m = await import(name);" })).toEqual([
      "scripts/x.ts:1 belongs to no layer: add it to lib/architecture/layers.ts",
      "lib/services/a.ts:1 a dynamic of a computed name cannot be checked; import a literal path",
    ]);
  });

  it("leaves test files alone", () => {
    expect(check({ "lib/secrets/a.test.ts": 'import { db } from "@/lib/db";', "lib/db.ts": "" })).toEqual([]);
  });
});

describe("unauthorizedActions", () => {
  it("accepts actions that call a require* helper, directly or through a local helper", () => {
    const text = [
      '"use server";',
      "async function ownerOf(form: FormData) {\n  return requireWorkspaceAdmin(form.get('w'));\n}",
      "export async function aAction() {\n  const actor = await requireUser();\n}",
      "export async function bAction(form: FormData) {\n  const actor = await ownerOf(form);\n}",
    ].join("\n");
    expect(unauthorizedActions(text)).toEqual([]);
  });

  it("accepts actions built by a wrapper from safe-action", () => {
    const text = [
      '"use server";',
      'import { projectAction, workspaceAction as ws } from "@/lib/actions/safe-action";',
      "export const aAction = projectAction(schema, async ({ actor, input }) => save(actor, input));",
      "export const bAction = ws(schema, async () => undefined);",
    ].join("\n");
    expect(unauthorizedActions(text)).toEqual([]);
  });

  it("reports an action that authorizes nowhere, or only in a comment, or through a wrapper from elsewhere", () => {
    const text = [
      '"use server";',
      'import { projectAction } from "@/lib/other";',
      "export async function aAction() {\n  // requireUser() happens in the page\n  return 1;\n}",
      "export const bAction = projectAction(schema, async () => 1);",
      "export async function signInAction() {\n  return 1;\n}",
    ].join("\n");
    expect(unauthorizedActions(text)).toEqual(["aAction", "bAction"]);
  });
});

describe("README block", () => {
  it("is found between the markers and replaced in place", () => {
    const doc = "# T\n\n<!-- layers:start -->\nold\n<!-- layers:end -->\n\nafter";
    expect(extractBlock(doc)).toBe("<!-- layers:start -->\nold\n<!-- layers:end -->");
    expect(replaceBlock(doc, renderLayers())).toBe(`# T\n\n${renderLayers()}\n\nafter`);
    expect(extractBlock("no markers")).toBeNull();
  });
});
