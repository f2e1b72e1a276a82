import "server-only";
// Prints the setup token when the database has no account: at server start (instrumentation.ts), and again
// from /login or /setup if the start-up check could not reach the database.
import { hasAnyUser } from "@/lib/data/setup";
import { log } from "@/lib/log";
import { issueSetupToken, setupBanner } from "./setup-token";

export async function announceSetupIfNeeded(print: (text: string) => void = (t) => console.log(t)): Promise<boolean> {
  if (await hasAnyUser()) return false;
  const token = issueSetupToken();
  if (token) {
    print(setupBanner(token));
    log.warn({ event: "setup.pending" }, "no account exists yet: the setup token is printed above; open /setup");
  }
  return true;
}
