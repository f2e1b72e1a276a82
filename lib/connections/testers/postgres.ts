// Connects for real with the resolved credentials and runs SELECT 1.
import pg from "pg";
import { resolveAllowed } from "../egress";
import { parsePem } from "../pem";
import type { Tester } from "./types";

export const testPostgres: Tester = async ({ settings, values, egress, timeoutMs }) => {
  const started = performance.now();
  const host = String(settings.host);
  const target = await resolveAllowed(host, egress, { port: Number(settings.port ?? 5432) });
  const sslMode = String(settings.sslMode ?? "require");
  const client = new pg.Client({
    host: target.address,
    port: Number(settings.port ?? 5432),
    database: String(settings.database),
    user: values.user,
    password: values.password,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    ssl:
      sslMode === "disable"
        ? false
        : { rejectUnauthorized: sslMode === "verify-full", servername: target.host, ...(values.ca ? { ca: parsePem("ca", "ca", values.ca) } : {}) },
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
