// npm run db:migrate (and the first step of start:prod) — applies pending migrations to DATABASE_URL, then
// checks the master key against the database: a missing, malformed or different key stops here, before the
// server starts (lib/crypto/master-key-guard.ts).
import { env } from "@/lib/env";
import { migrateDatabase } from "@/lib/migrations/migrate-database";
import { checkMasterKeyOrExit } from "./master-key-start";

async function main() {
  const applied = await migrateDatabase(env.DATABASE_URL);
  console.log(applied.length ? `Applied ${applied.join(", ")}.` : "Database is up to date.");
  await checkMasterKeyOrExit({ create: true });
  const { db } = await import("@/lib/db");
  await db.$disconnect();
}

main().catch((err) => {
  console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
