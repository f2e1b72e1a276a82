// Next's proxy (formerly middleware), three jobs:
// 1. the request gate (lib/http/request-gate.ts): cross-origin or malformed server-action and form posts, and
//    cookie-authenticated API writes, are refused with a problem+json 403/413/415/400 before Next parses them
//    (Next would answer 500);
// 2. a request id for every request (lib/http/request-id.ts: taken from a valid X-Request-Id, else new; passed on
//    to the handler and returned in the response, refusals included);
// 3. a per-request CSP nonce for every page, following Next's documented App Router pattern
//    (lib/http/security-headers.ts). API responses and prefetches get none: they render no HTML.
// Static assets are left out entirely: they must stay cacheable.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { gateRequest } from "@/lib/http/request-gate";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/http/request-id";
import { contentSecurityPolicy, createNonce } from "@/lib/http/security-headers";

const isPrefetch = (request: NextRequest) => request.headers.has("next-router-prefetch") || request.headers.get("purpose") === "prefetch";

export async function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  const refused = await gateRequest(request, { publicUrl: env.PUBLIC_URL });
  if (refused) {
    refused.headers.set(REQUEST_ID_HEADER, requestId);
    return refused;
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  if (request.nextUrl.pathname.startsWith("/api/") || isPrefetch(request)) {
    const response = NextResponse.next({ request: { headers: requestHeaders } });
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }
  const nonce = createNonce();
  // biome-ignore lint/style/noProcessEnv: Next inlines NODE_ENV at build time.
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
  // Everything but build assets: the gate must see API writes too.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
