// Response security headers. The Content-Security-Policy carries a fresh nonce per request (Next's documented
// App Router pattern, set in proxy.ts): Next reads the nonce from the request's CSP header and puts it on
// every script it renders, so no inline script runs without it, and 'strict-dynamic' lets those scripts load
// the rest of the app. Because a nonce exists only at request time, every page renders dynamically (the root
// layout awaits connection()). See docs/threat-model.md.

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // React's development build needs eval for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React renders style attributes (and Radix sets some): a nonce cannot cover attributes, so styles stay
    // inline-capable. Scripts are where injection turns into account takeover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Browser features the console never uses, switched off for it and anything it might embed. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "usb=()",
  "browsing-topics=()",
  "clipboard-write=(self)",
].join(", ");

/** Sent with every response, static assets included (next.config.ts). */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
];
