// Next.js start-up hook: begin listening for other instances' cache invalidations before serving requests.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startCacheListener } = await import("@/lib/services/secrets/cache-control");
    await startCacheListener();
  }
}
