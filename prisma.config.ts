// Prisma CLI configuration: the WebAssembly engines through a driver adapter, so generate and migrate work
// offline (docs/toolchain.md "Prisma"). DATABASE_URL must resolve for every Prisma command.
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaLibSQL({ url: process.env.DATABASE_URL ?? "file:./data/keyhold.db" }),
});
