// One Prisma client per process (cached on globalThis so Next's dev reloads do not open new pools).
// Only lib/data/** may import this (STYLE.md rule 1).
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

function createClient(url: string): PrismaClient {
  if (url.startsWith("file:")) return new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
  throw new Error("PostgreSQL support is not built yet: set DATABASE_URL to a file: URL.");
}

const globalForDb = globalThis as unknown as { keyholdDb?: PrismaClient };

export const db: PrismaClient = globalForDb.keyholdDb ?? createClient(env.DATABASE_URL);
globalForDb.keyholdDb = db;

export type Db = PrismaClient;
export type { Prisma } from "@/lib/generated/prisma/client";
