// The engine's voice in the server log (docs/errors.md "Server log"): provider failures, denials, retries
// exhausted, stale values served and cache clears, as structured events. Never a value: only codes, statuses,
// request ids, configuration ids, secret version keys (names and ARNs) and the SDK's own text after the scrubber.
import type pino from "pino";
import { log } from "@/lib/log";
import { scrubProviderText, type SecretsError } from "./errors";

let logger: pino.Logger = log.child({ component: "secrets" });

export function secretsLog(): pino.Logger {
  return logger;
}

/** Tests capture the engine's log lines; returns the restore. */
export function replaceSecretsLogger(next: pino.Logger): () => void {
  const previous = logger;
  logger = next;
  return () => {
    logger = previous;
  };
}

interface RawFacts {
  sdkError?: string;
  sdkMessage?: string;
  status?: number;
  requestId?: string;
}

/** What the SDK threw, scrubbed: the detail support needs, which users never see. */
export function rawFacts(err: unknown): RawFacts {
  if (typeof err !== "object" || err === null) return { sdkMessage: sanitizeRaw(String(err)) };
  const e = err as {
    name?: unknown;
    message?: unknown;
    statusCode?: unknown;
    $metadata?: { httpStatusCode?: number; requestId?: string };
    response?: { status?: unknown; statusCode?: unknown };
  };
  const status = e.$metadata?.httpStatusCode ?? num(e.statusCode) ?? num(e.response?.status) ?? num(e.response?.statusCode);
  return {
    sdkError: typeof e.name === "string" ? e.name : undefined,
    sdkMessage: typeof e.message === "string" ? sanitizeRaw(e.message) : undefined,
    status,
    requestId: e.$metadata?.requestId,
  };
}

// The log keeps the SDK's text (it is what support needs) but not the credentials it may quote, nor the body
// fragment a JSON parser quotes (on a successful read, that body is a secret).
function sanitizeRaw(text: string): string {
  return scrubProviderText(text.replace(/"[^"]*"(\.\.\.)?/g, '"…"'));
}

function num(v: unknown): number | undefined {
  return typeof v === "number" ? v : undefined;
}

/** One provider call failed for good (not retried, or retries exhausted). Denials are warnings too. */
export function logProviderFailure(provider: string, error: SecretsError, raw: unknown, attempts: number, exhausted: boolean): void {
  const fields = {
    event: exhausted ? "secrets.retries_exhausted" : "secrets.provider_failed",
    provider,
    code: error.code,
    category: error.category,
    attempts,
    ...rawFacts(raw),
  };
  if (error.category === "unavailable" || error.category === "authorization" || error.category === "authentication") {
    logger.warn(
      fields,
      exhausted
        ? `${provider}: retries exhausted (${error.code})`
        : `${provider}: ${error.category === "unavailable" ? "call failed" : /not_found/.test(error.code) ? "not found" : "access refused"} (${error.code})`,
    );
  } else {
    logger.info(fields, `${provider}: request refused (${error.code})`);
  }
}

export function logRetry(provider: string, error: SecretsError, raw: unknown, attempt: number, delayMs: number): void {
  logger.info(
    { event: "secrets.retry", provider, code: error.code, attempt, delayMs: Math.round(delayMs), ...rawFacts(raw) },
    `${provider}: retrying after ${error.code}`,
  );
}
