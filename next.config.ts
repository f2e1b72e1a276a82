import type { NextConfig } from "next";
// Validates configuration at start: a bad variable fails here with its name (docs/style.md rule 8).
import "./lib/env";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  // `npm test` type-checks the whole tree (tsc) before it builds; doing it again inside every build would only
  // slow `npm start` down.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["@node-rs/argon2", "pino", "@libsql/client", "@prisma/adapter-libsql"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
