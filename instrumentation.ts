// Next.js start-up hook, before any request is served: refuse a production start that lacks required settings or
// a master key that cannot open the database (lib/services/master-key-guard.ts), listen for other instances'
// cache invalidations, start the workflow run queue, the metrics flusher, the rotation poller and the agent job sweeper, and print the one-time
// setup token when the database has no account yet.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { productionStartProblem } = await import("@/lib/env");
    const problem = productionStartProblem();
    if (problem) {
      console.error(problem);
      process.exit(1);
    }
    const { guardMasterKey } = await import("@/lib/services/master-key-guard");
    const { log } = await import("@/lib/log");
    try {
      const { warnings } = await guardMasterKey({ create: false });
      for (const warning of warnings) log.warn(warning);
    } catch (err) {
      if (!(err instanceof Error && err.name === "MasterKeyRefusal")) throw err;
      // Next logs a failed hook and serves anyway: a console that cannot decrypt its data must not serve.
      console.error(err.message);
      process.exit(1);
    }
    // Templates saved before their literal parts were encrypted: encrypted now (rows left over keep working).
    const { encryptTemplateLiterals } = await import("@/lib/data/template-literals");
    await encryptTemplateLiterals()
      .then((n) => n > 0 && log.info({ fields: n }, "encrypted the text around references of existing templates"))
      .catch((err: unknown) => log.warn({ err }, "could not encrypt existing templates yet; they keep working and are retried at the next start"));
    const { startCacheListener } = await import("@/lib/services/secrets/cache-control");
    await startCacheListener();
    // Workflow runs queued before a restart, or submitted to another instance, are picked up from now on.
    const { runQueue } = await import("@/lib/services/workflows/queue");
    runQueue();
    // This instance's per-minute aggregates for the Operations page (docs/operations.md).
    const { metricsFlusher } = await import("@/lib/services/metrics/flusher");
    metricsFlusher();
    // Rotation-aware refresh: metadata polls of referenced secrets, one instance per configuration (docs/rotation.md).
    const { runRotationPoller } = await import("@/lib/services/secrets/rotation-poller");
    runRotationPoller();
    // Agent jobs past their deadline: what they carried is wiped, and after a day the row goes (docs/agent.md).
    const { runAgentJobSweeper } = await import("@/lib/services/agent/job-sweeper");
    runAgentJobSweeper();
    const { announceSetupIfNeeded } = await import("@/lib/auth/setup-announce");
    // A database that is not reachable yet must not stop the start: /login and /setup check again.
    await announceSetupIfNeeded().catch((err: unknown) =>
      console.error(`Could not check whether an account exists (is the database migrated?): ${err instanceof Error ? err.message : String(err)}`),
    );
  }
}
