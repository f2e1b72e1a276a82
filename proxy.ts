// Next's proxy (formerly middleware): a request id for every request (lib/http/request-id.ts: taken from a valid
// X-Request-Id, else new; passed on to the handler and returned in the response) and a per-request CSP nonce for
// every page, following Next's documented App Router pattern (lib/http/security-headers.ts). API responses and
// prefetches get no CSP here: they render no HTML of their own. Static assets are left out entirely: they must
// stay cacheable.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/http/request-id";
import { contentSecurityPolicy, createNonce } from "@/lib/http/security-headers";

function isPrefetch(request: NextRequest): boolean {
  return request.headers.has("next-router-prefetch") || request.headers.get("purpose") === "prefetch";
}

export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  if (request.nextUrl.pathname.startsWith("/api/") || isPrefetch(request)) {
    const response = NextResponse.next({ request: { headers: requestHeaders } });
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }
  const nonce = createNonce();
  // biome-ignore lint/style/noProcessEnv: Next inlines NODE_ENV at build time; the proxy stays free of lib/env's validation.
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  requestHeaders.set("x-nonce", nonce);
  // Next reads the nonce for its own scripts from the request's CSP header.
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
