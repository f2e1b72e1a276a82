// Next's proxy (formerly middleware): a per-request CSP nonce for every page, following Next's documented App
// Router pattern (lib/http/security-headers.ts). Static assets and API responses are left out: they render
// no HTML, and static assets must stay cacheable.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  // biome-ignore lint/style/noProcessEnv: Next inlines NODE_ENV at build time; the proxy stays free of lib/env's validation.
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Next reads the nonce for its own scripts from the request's CSP header.
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
