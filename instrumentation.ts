// Next.js start-up hook, before any request is served: refuse a master key that cannot open the database
// (lib/crypto/master-key-guard.ts), then listen for other instances' cache invalidations.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
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
    const { startCacheListener } = await import("@/lib/services/secrets/cache-control");
    await startCacheListener();
  }
}
