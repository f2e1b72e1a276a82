import "server-only";
// Case-insensitive "contains" on both databases: SQLite's LIKE already ignores ASCII case, PostgreSQL needs
// mode "insensitive" (which the SQLite-typed client does not know, hence the cast in this one place).
import { env } from "@/lib/env";

const onPostgres = !env.DATABASE_URL.startsWith("file:");

export function containsText(value: string): { contains: string } {
  return (onPostgres ? { contains: value, mode: "insensitive" } : { contains: value }) as { contains: string };
}
