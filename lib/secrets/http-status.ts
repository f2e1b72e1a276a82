// When a provider's answer cannot be read as the provider's own error (an XML body, a proxy's HTML page, an
// empty body), the HTTP status is all that is left, and it decides (docs/errors.md "Unreadable answers"):
// 401/403 → denied (revocation wins: the cache serves no stale value), 404 → not found, 429 → throttled,
// 5xx → unavailable. Classifiers call this only after the provider's parsed error code had its say.
import { SecretsError, notFound, throttled, unavailable } from "./errors";

/** What is known about one failed call, for messages: never a value, never the SDK's own text. */
export interface CallFacts {
  /** e.g. "AWS Secrets Manager". */
  provider: string;
  /** The provider's operation, e.g. "ListSecrets", "get secret", "read". */
  operation: string;
  status?: number;
  /** The provider's request id, when the answer carried one (a proxy's answer does not). */
  requestId?: string;
  retryAfterMs?: number;
}

/** " (ListSecrets, HTTP 403, request id …)": the facts support needs, in every message. */
export function callSuffix(facts: CallFacts): string {
  const parts = [facts.operation];
  if (facts.status !== undefined) parts.push(`HTTP ${facts.status}`);
  if (facts.requestId) parts.push(`request id ${facts.requestId}`);
  return ` (${parts.join(", ")})`;
}

function denied(facts: CallFacts, status: 401 | 403): SecretsError {
  const from = facts.requestId
    ? `request id ${facts.requestId}`
    : `no ${facts.provider} request id, so a proxy, gateway or firewall in between may have sent it`;
  return new SecretsError({
    code: "access_denied",
    category: status === 401 ? "authentication" : "authorization",
    message: `${facts.provider} refused ${facts.operation} with HTTP ${status}; the answer was not in ${facts.provider}'s own error format (${from}).`,
    fix: `Check the configured identity's permissions for ${facts.operation}, and any proxy or firewall between the Keyhold server and ${facts.provider}. Keyhold treats this as a denial: no cached value is served until a call succeeds again.`,
  });
}

/** The classification of a failure whose body did not parse: the status alone decides. */
export function classifyHttpStatus(facts: CallFacts, what = "the requested resource"): SecretsError {
  const status = facts.status;
  if (status === 401 || status === 403) return denied(facts, status);
  if (status === 404) {
    const e = notFound(what);
    return new SecretsError({
      ...e.toJSON(),
      message: `${e.message.replace(/\.$/, "")}: ${facts.provider} answered${callSuffix(facts)} without its own error details.`,
      fix: `${e.fix} A proxy in front of ${facts.provider} that does not know the path answers 404 too: check the endpoint.`,
    });
  }
  if (status === 429) return throttledCall(facts);
  if (status !== undefined && status >= 500) return unavailableCall(facts);
  return new SecretsError({
    code: "provider_error",
    category: "unavailable",
    message: `${facts.provider} answered with an unreadable error${callSuffix(facts)}.`,
    fix: "Retry; if it persists, check the provider endpoint and any proxy between the Keyhold server and the provider.",
  });
}

export function throttledCall(facts: CallFacts): SecretsError {
  const e = throttled(facts.provider);
  return new SecretsError({ ...e.toJSON(), message: `${facts.provider} is throttling requests${callSuffix(facts)}.`, retryAfterMs: facts.retryAfterMs });
}

export function unavailableCall(facts: CallFacts, detail?: string): SecretsError {
  const e = unavailable(facts.provider, detail);
  return new SecretsError({ ...e.toJSON(), message: `${e.message.replace(/\.+$/, "")}${callSuffix(facts)}.`, retryAfterMs: facts.retryAfterMs });
}

/** A page token this provider did not issue, or one that has gone stale: the caller's request, not an outage. */
export function invalidPageToken(provider: string): SecretsError {
  return new SecretsError({
    code: "invalid_request",
    category: "invalid_request",
    message: `${provider} did not accept the page token: it is stale or was not issued for this listing.`,
    fix: "Start the listing again from the first page.",
  });
}

type Headers = Record<string, unknown> | { get?: (name: string) => string | null | undefined };

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const h = headers as Headers;
  if (typeof (h as { get?: unknown }).get === "function") return (h as { get: (n: string) => string | null | undefined }).get(name) ?? undefined;
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === name && typeof v === "string") return v;
  return undefined;
}

/**
 * Retry-After from whatever the SDK threw (AWS `$response.headers`, Azure `response.headers`, gaxios and
 * node-vault `response.headers`), in ms; seconds or an HTTP date.
 */
export function retryAfterMsOf(err: unknown, now = Date.now()): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as { $response?: { headers?: unknown }; response?: { headers?: unknown } };
  const value = header(e.$response?.headers, "retry-after") ?? header(e.response?.headers, "retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
