// Test-only: makes TLS clients in the current process trust the emulator's CA on top of the system roots,
// which is what NODE_EXTRA_CA_CERTS does for a process started with it. Node reads that variable only at
// start, and the Azure SDK builds its own https.Agent without a `ca`, so an in-process test (Vitest worker)
// has no other hook that leaves product code untouched. Never import this from lib/**.
import tls from "node:tls";

export function trustTestCa(caCertPem: string): () => void {
  const original = tls.createSecureContext;
  tls.createSecureContext = function createSecureContextTrustingTestCa(options?: tls.SecureContextOptions) {
    const context = original(options);
    // An explicit `ca` replaces the roots in Node too; only default-trust contexts get the extra CA.
    if (!options?.ca) (context.context as { addCACert(pem: string): void }).addCACert(caCertPem);
    return context;
  };
  return () => {
    tls.createSecureContext = original;
  };
}
