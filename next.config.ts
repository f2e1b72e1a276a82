import type { NextConfig } from "next";
// Validates configuration at start: a bad variable fails here with its name (docs/style.md rule 8).
import { env } from "./lib/env";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: {
    authInterrupts: true,
    // Behind a proxy that rewrites Host, Next's own action origin check must accept the public address too (the
    // request gate in proxy.ts accepts only it, lib/http/request-gate.ts).
    ...(env.PUBLIC_URL ? { serverActions: { allowedOrigins: [new URL(env.PUBLIC_URL).host] } } : {}),
  },
  // `npm test` type-checks the whole tree (tsc) before it builds; doing it again inside every build would only
  // slow `npm start` down.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["@node-rs/argon2", "pino", "@libsql/client", "@prisma/adapter-libsql"],
  async headers() {
    return [
      // Pages get their Content-Security-Policy (with a per-request nonce) from proxy.ts.
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      // Nothing the console renders may be stored by a browser or a shared cache; build assets under
      // /_next/static are content-hashed and keep Next's own immutable caching (a rule for every path used
      // to override it with no-store).
      { source: "/:path((?!_next/static|_next/image|favicon\\.ico).*)", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default nextConfig;
