// Vitest setup for vitest.postgres.config.mts, the PostgreSQL twin of test-database.ts: every test file gets
// its own freshly migrated database in the run's cluster and its own master key, set in the environment before
// any module reads lib/env.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDatabase } from "./postgres-cluster";
import { migrateDatabase } from "@/lib/migrations/migrate-database";

process.env.DATABASE_URL = await createDatabase(inject("postgres").adminUrl);
process.env.MASTER_KEY = randomBytes(32).toString("base64");
process.env.LOG_LEVEL = "silent";

await migrateDatabase(process.env.DATABASE_URL);
