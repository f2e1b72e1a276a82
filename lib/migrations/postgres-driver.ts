// PostgreSQL migrations through `pg` (`prisma migrate deploy` fails through adapter-pg: docs/toolchain.md "Prisma").
// Every step runs in a transaction that first takes one advisory lock, so instances starting together take
// turns: the second one finds the first one's row and skips. PostgreSQL DDL is transactional, so a failing
// migration leaves nothing behind (a future migration that needs CREATE INDEX CONCURRENTLY cannot run here).
import pg from "pg";
import { editedMigrationError, type MigrationDriver } from "./runner";

/** Any constant that no other code locks with: "keyhold\0" as an int8. */
const LOCK_KEY = "7738725024158999552";

export function postgresMigrationDriver(url: string): MigrationDriver {
  const client = new pg.Client({ connectionString: url });
  let connecting: Promise<unknown> | undefined;
  const ready = () => (connecting ??= client.connect());

  async function locked<T>(work: () => Promise<T>): Promise<T> {
    await ready();
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1::int8)", [LOCK_KEY]);
      const result = await work();
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
  }

  return {
    async ensureTable() {
      // Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can both miss the table and one fails.
      await locked(() =>
        client.query(
          'CREATE TABLE IF NOT EXISTS "_keyhold_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())',
        ),
      );
    },
    async applied() {
      await ready();
      const rs = await client.query<{ name: string; checksum: string }>('SELECT "name", "checksum" FROM "_keyhold_migrations"');
      return new Map(rs.rows.map((r) => [r.name, r.checksum]));
    },
    async apply(name, checksum, sql) {
      return locked(async () => {
        const rs = await client.query<{ checksum: string }>('SELECT "checksum" FROM "_keyhold_migrations" WHERE "name" = $1', [name]);
        if (rs.rows[0]) {
          if (rs.rows[0].checksum !== checksum) throw editedMigrationError(name);
          return false;
        }
        // No parameters: the simple query protocol, which runs a script of several statements.
        await client.query(sql);
        await client.query('INSERT INTO "_keyhold_migrations" ("name", "checksum") VALUES ($1, $2)', [name, checksum]);
        return true;
      });
    },
    async close() {
      if (connecting)
        await connecting.then(
          () => client.end(),
          () => undefined,
        );
    },
  };
}
