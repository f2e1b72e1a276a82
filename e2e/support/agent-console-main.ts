// A second "console instance" for tests: serves the agent API (the real route handlers) on loopback from its
// own process, on the DATABASE_URL and MASTER_KEY it is given, and prints {"url": …} once listening. Its agent
// bus is its own, so jobs created by another process reach its agents only through LISTEN/NOTIFY.
//   node --import tsx --import ./e2e/support/server-only-shim.ts e2e/support/agent-console-main.ts
import { startAgentConsole } from "./agent-console";

void startAgentConsole().then((api) => {
  process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);
  process.on("SIGTERM", () => void api.close().then(() => process.exit(0)));
});
