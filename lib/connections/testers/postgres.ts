// Connects for real with the resolved credentials (password, and a client certificate when one is set) and
// runs SELECT 1.
import pg from "pg";
import { resolveAllowed } from "../egress";
import { postgresSsl } from "./postgres-tls";
import type { Tester } from "./types";

export const testPostgres: Tester = async ({ settings, values, egress, timeoutMs }) => {
  const started = performance.now();
  const host = String(settings.host);
  const target = await resolveAllowed(host, egress, { port: Number(settings.port ?? 5432) });
  const tls = postgresSsl(String(settings.sslMode ?? "require"), target.host, values);
  if (!tls.ok) return { ok: false, ms: elapsed(started), message: tls.message };
  const client = new pg.Client({
    host: target.address,
    port: Number(settings.port ?? 5432),
    database: String(settings.database),
    user: values.user,
    password: values.password,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    ssl: tls.ssl,
  });
  client.on("error", () => undefined); // a dropped socket after the test must not crash the server
  try {
    await client.connect();
    const result = await client.query<{ version: string }>("SELECT split_part(version(), ' ', 2) AS version");
    return {
      ok: true,
      ms: elapsed(started),
      message: `Connected to PostgreSQL ${result.rows[0]?.version ?? ""} at ${host}:${settings.port} as ${values.user ?? "(no user)"}.`,
    };
  } catch (err) {
    return { ok: false, ms: elapsed(started), message: `PostgreSQL refused: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    await client.end().catch(() => undefined);
  }
};

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
