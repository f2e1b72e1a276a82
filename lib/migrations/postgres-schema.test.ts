import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { HEADER, POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "./postgres-schema";

describe("prisma/postgres/schema.prisma", () => {
  it("is the current output of lib/cli/generate-postgres-schema.ts (run `npm run db:schema:postgres`)", () => {
    const expected = postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8"));
    expect(readFileSync(POSTGRES_SCHEMA, "utf8"), "stale: run `npm run db:schema:postgres`").toBe(expected);
  });

  it("differs from the SQLite schema only in its header, the provider and the client's folder", () => {
    const sqlite = readFileSync(SQLITE_SCHEMA, "utf8").split("\n");
    const postgres = readFileSync(POSTGRES_SCHEMA, "utf8");
    expect(postgres.startsWith(HEADER)).toBe(true);
    const changed = postgres
      .slice(HEADER.length)
      .split("\n")
      .filter((line, i) => line !== sqlite[i]);
    expect(changed.map((line) => line.trim())).toEqual(['output     = "../../lib/generated/prisma-pg"', 'provider = "postgresql"']);
  });

  it("refuses a source schema it cannot transform, instead of copying it unchanged", () => {
    expect(() => postgresSchemaFrom('datasource db {\n  provider = "postgresql"\n}\n')).toThrow(/expected exactly one provider = "sqlite"/);
  });
});
