// The four providers keep one shape, so a reader who knows one knows all: the same files with the same jobs
// (docs/architecture.md), and one import style (`./` inside a provider folder, `@/` for anything outside it).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const PROVIDERS = { aws: "Aws", azure: "Azure", vault: "Vault", gcp: "Gcp" } as const;
/** index: public surface · provider: the factory's wiring · client: one instance's call context (retries,
 *  error context) · session: authenticated SDK access shared per configuration · list/fetch: the operations ·
 *  errors: typed failures with their fixes · classify: SDK error → SecretsError. */
const FILES = ["index.ts", "provider.ts", "client.ts", "session.ts", "list.ts", "fetch.ts", "errors.ts", "classify.ts"];

const dir = (kind: string) => join(__dirname, kind);
const sources = (kind: string) => readdirSync(dir(kind)).filter((f) => f.endsWith(".ts"));

describe("provider folders", () => {
  it.each(Object.entries(PROVIDERS))("%s has the shared files", (kind) => {
    expect(FILES.filter((f) => !sources(kind).includes(f))).toEqual([]);
  });

  it.each(Object.entries(PROVIDERS))("%s exports its factory from index.ts, built in provider.ts", (kind, name) => {
    const index = readFileSync(join(dir(kind), "index.ts"), "utf8");
    expect(index).toContain(`export { create${name}Provider } from "./provider";`);
    const provider = readFileSync(join(dir(kind), "provider.ts"), "utf8");
    expect(provider).toMatch(new RegExp(`export function create${name}Provider\\(`));
    // The factory only wires: the operations live in list.ts and fetch.ts.
    expect(provider.split("\n").length).toBeLessThanOrEqual(25);
  });

  it.each(Object.keys(PROVIDERS))("%s imports outside its folder only through @/", (kind) => {
    const offenders = sources(kind).flatMap((f) =>
      [...readFileSync(join(dir(kind), f), "utf8").matchAll(/from ["'](\.\.\/[^"']*)["']/g)].map((m) => `${f}: ${m[1]}`),
    );
    expect(offenders).toEqual([]);
  });
});
