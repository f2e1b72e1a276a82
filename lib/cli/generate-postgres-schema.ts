// npm run db:schema:postgres — writes prisma/postgres/schema.prisma from prisma/schema.prisma (see
// lib/migrations/postgres-schema.ts). Run it after every edit of prisma/schema.prisma.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "@/lib/migrations/postgres-schema";

mkdirSync(dirname(POSTGRES_SCHEMA), { recursive: true });
writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
console.log(`Wrote ${relative(process.cwd(), POSTGRES_SCHEMA)}.`);
