// One retry loop for every provider call (docs/errors.md "Retry budget"): the SDKs' own retries are off, so
// this is the only place a call is tried again. At most `maxAttempts` (3) attempts per step, each with its own
// timeout (5 s), all inside one overall deadline (15 s); only retryable failures (throttling, 5xx, network)
// are tried again, after a full-jitter backoff or the provider's Retry-After, whichever is longer, and only
// when that wait still ends inside the deadline. Denied, not found and invalid requests are final at once.
// A hung SDK call cannot outlive its attempt: the attempt races a timer.
import { SecretsError, timedOut } from "./errors";
import type { OutageLatch } from "./outage-latch";
import { logProviderFailure, logRetry } from "./secrets-log";

export interface RetryPolicy {
  attemptTimeoutMs: number;
  overallTimeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts per step, the first included. */
  maxAttempts: number;
  /** How long a step that failed for good keeps the next steps from asking the provider (outage-latch.ts). */
  outageHoldMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attemptTimeoutMs: 5_000,
  overallTimeoutMs: 15_000,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  maxAttempts: 3,
  outageHoldMs: 5_000,
};

interface RetryOptions {
  /** Shown in timeout messages, e.g. "AWS Secrets Manager". */
  provider: string;
  /** Maps whatever the SDK threw to a SecretsError; `retryable` decides whether to try again. */
  classify: (err: unknown) => SecretsError;
  policy?: Partial<RetryPolicy>;
  random?: () => number;
  /** The provider instance's outage latch: a step after an exhausted one fails at once (outage-latch.ts). */
  latch?: OutageLatch;
}

const MIN_ATTEMPT_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetries<T>(operation: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const maxAttempts = Math.max(1, policy.maxAttempts);
  const random = options.random ?? Math.random;
  const deadline = Date.now() + policy.overallTimeoutMs;
  // When the deadline ends a run of retryable failures, the last real cause (throttled, unavailable) says
  // more than "timed out".
  let lastError: SecretsError | undefined;
  let lastRaw: unknown;
  const giveUp = (error: SecretsError, raw: unknown, attempts: number): never => {
    logProviderFailure(options.provider, error, raw, attempts, error.retryable);
    if (error.retryable) options.latch?.trip(error);
    throw error;
  };
  for (let attempt = 0; ; attempt++) {
    // The provider failed an earlier step of this action for good: do not ask it again so soon.
    const held = options.latch?.current();
    if (held) throw held;
    const remaining = deadline - Date.now();
    // An attempt with only a sliver of time left cannot succeed; it would only leave a request in flight.
    if (remaining <= 0 || (attempt > 0 && remaining < MIN_ATTEMPT_MS)) {
      giveUp(lastError ?? timedOut(options.provider, policy.overallTimeoutMs), lastRaw, attempt);
    }
    const budget = Math.min(policy.attemptTimeoutMs, remaining);
    let error: SecretsError;
    let raw: unknown;
    try {
      const result = await runAttempt(operation, budget, options.provider);
      options.latch?.clear();
      return result;
    } catch (err) {
      raw = err;
      error = err instanceof SecretsError && err.code === "timeout" ? err : options.classify(err);
    }
    if (!error.retryable) giveUp(error, raw, attempt + 1);
    if (error.code !== "timeout") {
      lastError = error;
      lastRaw = raw;
    }
    const final = () => (error.code === "timeout" ? (lastError ?? timedOut(options.provider, policy.overallTimeoutMs)) : error);
    if (attempt + 1 >= maxAttempts) giveUp(final(), raw, attempt + 1);
    const jitter = random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    const backoff = Math.max(jitter, error.retryAfterMs ?? 0);
    // A Retry-After beyond the deadline means the provider will not serve us in time: stop now, say why.
    if (Date.now() + backoff >= deadline) giveUp(final(), raw, attempt + 1);
    logRetry(options.provider, error, raw, attempt + 1, backoff);
    await sleep(backoff);
  }
}

async function runAttempt<T>(operation: (signal: AbortSignal) => Promise<T>, budgetMs: number, provider: string): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timedOut(provider, budgetMs));
    }, budgetMs);
  });
  try {
    return await Promise.race([operation(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
