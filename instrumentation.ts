// Next.js start-up hook: refuse a production start that lacks required settings, begin listening for other
// instances' cache invalidations, and print the one-time setup token when the database has no account yet.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { productionStartProblem } = await import("@/lib/env");
    const problem = productionStartProblem();
    if (problem) {
      console.error(problem);
      process.exit(1);
    }
    const { startCacheListener } = await import("@/lib/secrets/cache-control");
    await startCacheListener();
    const { announceSetupIfNeeded } = await import("@/lib/auth/setup-announce");
    // A database that is not reachable yet must not stop the start: /login and /setup check again.
    await announceSetupIfNeeded().catch((err: unknown) => console.error(`Could not check whether an account exists (is the database migrated?): ${err instanceof Error ? err.message : String(err)}`));
  }
}
