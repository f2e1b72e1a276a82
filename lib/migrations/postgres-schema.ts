// prisma/postgres/schema.prisma is generated from prisma/schema.prisma: Prisma fixes the provider per schema
// file, so the PostgreSQL schema is this one transformation of the hand-edited SQLite schema (provider and
// client output), never a second file edited by hand. Written by lib/cli/generate-postgres-schema.ts; checked
// by postgres-schema.test.ts.
import { resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
export const SQLITE_SCHEMA = resolve(ROOT, "prisma/schema.prisma");
export const POSTGRES_SCHEMA = resolve(ROOT, "prisma/postgres/schema.prisma");

export const HEADER = [
  "// GENERATED from prisma/schema.prisma by lib/cli/generate-postgres-schema.ts: do not edit by hand.",
  "// Edit prisma/schema.prisma, run `npm run db:schema:postgres`, then add a migration to",
  "// prisma/postgres/migrations as well as to prisma/migrations.",
  "",
  "",
].join("\n");

/** Replaces exactly one match, so a reshaped source schema fails loudly instead of passing through unchanged. */
function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const count = text.match(new RegExp(pattern.source, "gm"))?.length ?? 0;
  if (count !== 1) throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${count}.`);
  return text.replace(new RegExp(pattern.source, "m"), replacement);
}

export function postgresSchemaFrom(sqliteSchema: string): string {
  let text = replaceOnce(sqliteSchema, /^(\s*provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'provider = "sqlite"');
  text = replaceOnce(text, /^(\s*output\s*=\s*)"\.\.\/lib\/generated\/prisma"/, '$1"../../lib/generated/prisma-pg"', 'output = "../lib/generated/prisma"');
  return HEADER + text;
}
