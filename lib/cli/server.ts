// The console's HTTP server (npm start, start:prod, and every test harness): Next's request handler behind a
// plain node:http server, so each request's forwarding headers are rewritten from the socket before Next
// reads them (lib/net/client-address.ts; TRUSTED_PROXIES). Booting Next runs instrumentation.ts, which checks
// the master key against the database: a refusal ends this process with exit code 1 before it listens.
import { createServer } from "node:http";
import { resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
// `next start` does the same: a production server whatever the shell had.
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production" });

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME;
  const { env } = await import("@/lib/env");
  const { rewriteForwardingHeaders } = await import("@/lib/net/client-address");
  const next = (await import("next")).default;
  const app = next({ dev: false, dir: ROOT, port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    rewriteForwardingHeaders(req, env.TRUSTED_PROXIES);
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000; // above common load-balancer idle timeouts, like `next start`
  const stop = (signal: string) => {
    console.log(`${signal}: closing the server.`);
    // Idle keep-alive sockets would hold close() open; in-flight requests get a few seconds to finish.
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  server.listen(port, hostname, () => console.log(`Keyhold listening on http://${hostname ?? "localhost"}:${port}`));
}

main().catch((err) => {
  console.error(`Keyhold did not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
