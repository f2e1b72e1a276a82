// One Prisma client per process (cached on globalThis so Next's dev reloads do not open new pools).
// Only lib/data/** may import this (docs/style.md rule 1).
import pg from "pg";
import { type Client, type Config, createClient as createLibsqlClient, type Transaction, type TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * Interactive transactions on SQLite commit through sqlite3_exec, and roll back when the commit fails.
 * @libsql/client 0.8 commits with a prepared statement; when SQLite refuses that COMMIT (SQLITE_BUSY: another
 * connection, in this or another process, was reading at that instant; libsql's busy timeout is 0), the statement
 * is left un-reset and @prisma/adapter-libsql does not roll back: the connection keeps its lock until V8 happens to
 * garbage-collect the statement, and meanwhile every query on the file, in every process, fails with "Operation
 * has timed out". sqlite3_exec finalizes its statement, so a failed commit only fails its own transaction.
 */
class SqliteClientFactory extends PrismaLibSQL {
  override createClient(config: Config): Client {
    const client = createLibsqlClient(config);
    const transaction = client.transaction.bind(client);
    const execute = client.execute.bind(client);
    // libsql opens connections with busy_timeout 0: a write that meets another process's write fails at once with
    // "Operation has timed out". 5 s is what SQLite drivers (and Prisma's own engine) wait. The client opens a new
    // connection lazily after each transaction takes the old one, so the pragma goes before each use (microseconds).
    const withBusyTimeout = () => execute(BUSY_TIMEOUT);
    client.execute = (async (stmt: Parameters<Client["execute"]>[0], args?: unknown) => {
      await withBusyTimeout();
      return (execute as (s: unknown, a?: unknown) => ReturnType<Client["execute"]>)(stmt, args);
    }) as Client["execute"];
    client.transaction = async (mode?: TransactionMode) => {
      await withBusyTimeout();
      return commitThroughExec(await transaction(mode));
    };
    return client;
  }
}

const BUSY_TIMEOUT = "PRAGMA busy_timeout = 5000";

function commitThroughExec(tx: Transaction): Transaction {
  tx.commit = async () => {
    try {
      await tx.executeMultiple("COMMIT");
    } catch (err) {
      // The commit's own error is the one to report; ROLLBACK releases the lock the refused COMMIT took.
      await tx.executeMultiple("ROLLBACK").catch(() => undefined);
      throw err;
    }
  };
  return tx;
}

function createClient(url: string): PrismaClient {
  if (url.startsWith("file:")) return new PrismaClient({ adapter: new SqliteClientFactory({ url }) });
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const adapter = new PrismaPg(new pg.Pool({ connectionString: url }), {
      // A connection the server dropped while idle (restart, failover): the pool replaces it on next use.
      onPoolError: (err) => log.warn({ err: err.message }, "PostgreSQL closed an idle connection"),
    });
    // Both clients come from the same models (prisma/postgres/schema.prisma is generated from
    // prisma/schema.prisma), so every query the SQLite-typed code builds runs on PostgreSQL too; the types
    // differ only in PostgreSQL-only options (e.g. `mode: "insensitive"`), which shared code cannot use.
    // lib/db.pg.test.ts checks the features the data layer relies on.
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL).");
}

const globalForDb = globalThis as unknown as { keyholdDb?: PrismaClient };

export const db: PrismaClient = globalForDb.keyholdDb ?? createClient(env.DATABASE_URL);
globalForDb.keyholdDb = db;

export type { Prisma } from "@/lib/generated/prisma/client";
