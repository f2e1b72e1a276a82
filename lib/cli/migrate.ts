// npm run db:migrate — applies pending migrations to DATABASE_URL.
import { env } from "@/lib/env";
import { migrateDatabase } from "@/lib/migrations/migrate-database";

migrateDatabase(env.DATABASE_URL)
  .then((applied) => console.log(applied.length ? `Applied ${applied.join(", ")}.` : "Database is up to date."))
  .catch((err) => {
    console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
