// Prisma CLI configuration for the generated PostgreSQL schema (prisma/postgres/schema.prisma): generate and
// `migrate diff` offline through the WebAssembly engines, like prisma.config.ts. Neither opens a connection,
// but DATABASE_URL must still resolve (docs/toolchain.md "Prisma"). Migrations are applied by lib/migrations, not by
// `prisma migrate deploy`, which fails through adapter-pg (prisma/orm#27403).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/postgres/schema.prisma",
  migrations: { path: "prisma/postgres/migrations" },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
