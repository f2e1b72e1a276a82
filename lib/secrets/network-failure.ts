// What a failed connection was trying to reach. Node's system errors carry the host they could not resolve
// (getaddrinfo: `hostname`) or the address that refused or timed out (connect: `address`, `port`), and SDKs
// pass them on as the error or its `cause`. An admin who mistyped an address or a region needs to see which one:
// "could not resolve vault.exmaple.com", not "ENOTFOUND". Host names and addresses are settings, never secrets.

/** Transport failures: the provider was never reached, or the connection broke before it answered. */
export const NETWORK_CODES: ReadonlySet<string> = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

export interface NetworkFailure {
  code: string;
  /** The host name that did not resolve, or "address:port" that was refused or unreachable, when known. */
  target?: string;
  /** e.g. "could not resolve sts.us-esat-1.amazonaws.com (ENOTFOUND)". */
  text: string;
}

interface SystemErrorShape {
  code?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
  cause?: unknown;
}

/** Only a plain host name or IP address is echoed: whatever else a library put in these fields is not. */
const HOST = /^[A-Za-z0-9.:[\]_-]{1,253}$/;

function targetOf(e: SystemErrorShape): string | undefined {
  if (typeof e.hostname === "string" && HOST.test(e.hostname)) return e.hostname;
  if (typeof e.address === "string" && HOST.test(e.address)) {
    return typeof e.port === "number" ? `${e.address.includes(":") ? `[${e.address}]` : e.address}:${e.port}` : e.address;
  }
  return undefined;
}

function describe(code: string, target: string | undefined, fallbackHost: string | undefined): string {
  const where = target ?? fallbackHost;
  switch (code) {
    case "ENOTFOUND":
      return where ? `could not resolve ${where} (ENOTFOUND)` : "the host name did not resolve (ENOTFOUND)";
    case "EAI_AGAIN":
      return where ? `DNS did not answer for ${where} (EAI_AGAIN)` : "DNS did not answer (EAI_AGAIN)";
    case "ECONNREFUSED":
      return where ? `connection refused by ${where} (ECONNREFUSED)` : "connection refused (ECONNREFUSED)";
    case "ETIMEDOUT":
      return where ? `connecting to ${where} timed out (ETIMEDOUT)` : "the connection timed out (ETIMEDOUT)";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return where ? `no route to ${where} (${code})` : `no route to the host (${code})`;
    default:
      return where ? `the connection to ${where} was lost (${code})` : `the connection was lost (${code})`;
  }
}

/**
 * The transport failure in `err` or its causes (SDKs wrap Node's error), or undefined when it is not one.
 * `fallbackHost` names the configured endpoint when the error itself does not say where it was going.
 */
export function networkFailureOf(err: unknown, fallbackHost?: string): NetworkFailure | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const e = current as SystemErrorShape;
    if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) {
      const target = targetOf(e);
      return { code: e.code, target, text: describe(e.code, target, fallbackHost) };
    }
    current = e.cause;
  }
  return undefined;
}
