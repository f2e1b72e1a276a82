// One Prisma client per process (cached on globalThis so Next's dev reloads do not open new pools).
// Only lib/data/** may import this (docs/style.md rule 1).
import pg from "pg";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

function createClient(url: string): PrismaClient {
  if (url.startsWith("file:")) return new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
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
