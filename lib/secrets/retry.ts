// One deadline for a provider operation: each attempt gets its own timeout (5 s), all attempts share an
// overall deadline (15 s), and only retryable failures (throttling, 5xx, network) are tried again, after a
// full-jitter backoff. A hung SDK call cannot outlive its attempt: the attempt races a timer.
import { SecretsError, timedOut } from "./errors";

export interface RetryPolicy {
  attemptTimeoutMs: number;
  overallTimeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attemptTimeoutMs: 5_000,
  overallTimeoutMs: 15_000,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
};

interface RetryOptions {
  /** Shown in timeout messages, e.g. "AWS Secrets Manager". */
  provider: string;
  /** Maps whatever the SDK threw to a SecretsError; `retryable` decides whether to try again. */
  classify: (err: unknown) => SecretsError;
  policy?: Partial<RetryPolicy>;
  random?: () => number;
}

const MIN_ATTEMPT_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetries<T>(operation: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const random = options.random ?? Math.random;
  const deadline = Date.now() + policy.overallTimeoutMs;
  // When the deadline ends a run of retryable failures, the last real cause (throttled, unavailable) says
  // more than "timed out".
  let lastError: SecretsError | undefined;
  for (let attempt = 0; ; attempt++) {
    const remaining = deadline - Date.now();
    // An attempt with only a sliver of time left cannot succeed; it would only leave a request in flight.
    if (remaining <= 0 || (attempt > 0 && remaining < MIN_ATTEMPT_MS)) throw lastError ?? timedOut(options.provider, policy.overallTimeoutMs);
    const budget = Math.min(policy.attemptTimeoutMs, remaining);
    let error: SecretsError;
    try {
      return await runAttempt(operation, budget, options.provider);
    } catch (err) {
      error = err instanceof SecretsError && err.code === "timeout" ? err : options.classify(err);
    }
    if (!error.retryable) throw error;
    if (error.code !== "timeout") lastError = error;
    const backoff = random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    if (Date.now() + backoff >= deadline) {
      throw error.code === "timeout" ? (lastError ?? timedOut(options.provider, policy.overallTimeoutMs)) : error;
    }
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
