import { createClient } from "@libsql/client";
import type { MigrationDriver } from "./runner";

export function sqliteMigrationDriver(url: string): MigrationDriver {
  const client = createClient({ url });
  return {
    async ensureTable() {
      await client.execute('CREATE TABLE IF NOT EXISTS "_keyhold_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)');
    },
    async applied() {
      const rs = await client.execute('SELECT "name", "checksum" FROM "_keyhold_migrations"');
      return new Map(rs.rows.map((r) => [String(r.name), String(r.checksum)]));
    },
    async apply(name, checksum, sql) {
      const tx = await client.transaction("write");
      try {
        await tx.executeMultiple(sql);
        await tx.execute({
          sql: 'INSERT INTO "_keyhold_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)',
          args: [name, checksum, new Date().toISOString()],
        });
        await tx.commit();
        return true;
      } finally {
        tx.close();
      }
    },
    async close() {
      client.close();
    },
  };
}
