// Connections as they were stored before migration 0005, for the SQLite and PostgreSQL backfill tests: URL
// forms the SQL must read the way lib/secrets/reference-policy.ts does (case, default ports, IPv6, a path,
// a query, a fragment, a trailing dot).
export const PRE_POLICY_CONNECTIONS: ReadonlyArray<{ type: string; settings: Record<string, unknown> }> = [
  { type: "http", settings: { baseUrl: "https://API.Example.com/v1?x=1" } },
  { type: "http", settings: { baseUrl: "http://127.0.0.1:8080" } },
  { type: "http", settings: { baseUrl: "http://[::1]:9000/path" } },
  { type: "http", settings: { baseUrl: "https://api.example.com.#frag" } },
  { type: "https_cert", settings: { url: "https://mtls.example.com:8443" } },
  { type: "https_cert", settings: { url: "https://[2001:db8::1]/" } },
  { type: "postgres", settings: { host: "DB.internal", port: 5432, database: "app", sslMode: "require" } },
];

/** Every connection references secret:prod/db; the first also secret:ops/a, from two fields. */
export function referencesOf(index: number): string[] {
  return index === 0 ? ["secret:prod/db", "secret:ops/a", "secret:ops/a"] : ["secret:prod/db"];
}
