import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { databaseFilesContain } from "./database-files";

describe("databaseFilesContain (SQLite here; PostgreSQL in lib/db.pg.test.ts)", () => {
  it("finds a value written in plain text, and not one never written", async () => {
    const written = `written-${randomBytes(8).toString("hex")}`;
    await db.workspace.create({ data: { name: written, egressAllowList: [] } });
    expect(await databaseFilesContain(written)).toBe(true);
    expect(await databaseFilesContain(`absent-${randomBytes(8).toString("hex")}`)).toBe(false);
  });
});
