// Next.js start-up hook, before any request is served: refuse a master key that cannot open the database
// (lib/crypto/master-key-guard.ts; the server entry exits on the error), then listen for other instances'
// cache invalidations.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { guardMasterKey } = await import("@/lib/crypto/master-key-guard");
    const { log } = await import("@/lib/log");
    const { warnings } = await guardMasterKey({ create: false });
    for (const warning of warnings) log.warn(warning);
    const { startCacheListener } = await import("@/lib/secrets/cache-control");
    await startCacheListener();
  }
}
