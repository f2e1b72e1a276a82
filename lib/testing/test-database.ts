// Vitest setup: every test file gets its own freshly migrated SQLite database file and master key, set in
// the environment before any module reads lib/env. Data-layer tests run against it, never against a mock.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { migrateDatabase } from "@/lib/migrations/migrate-database";

const dir = mkdtempSync(join(tmpdir(), "keyhold-test-"));
process.env.DATABASE_URL = `file:${join(dir, "test.db")}`;
process.env.MASTER_KEY = randomBytes(32).toString("base64");
process.env.LOG_LEVEL = "silent";

await migrateDatabase(process.env.DATABASE_URL);
