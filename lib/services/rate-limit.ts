import "server-only";
// Rate limits on the calls that cost provider calls or open network connections (docs/threat-model.md, "Cost
// and scanning limits"): Test (a connection or a provider configuration), Refresh, and secret browsing (a
// listing page or one secret's key names). Per caller: each user and each API token has its own bucket per kind,
// so one busy user or leaked token cannot spend another's allowance.
//
// Token buckets held in this process's memory: cheap, no database write per call, and gone on restart. With
// several instances behind a load balancer each keeps its own buckets, so the effective limit is the configured
// one times the number of instances (docs/threat-model.md says so too).
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type CostlyKind = "test" | "refresh" | "browse";

export interface Limit {
  /** Calls allowed in a burst, and per window on average. */
  max: number;
  windowMs: number;
}

/** A refusal that says when to come back: HTTP 429 with Retry-After for routes, a message and the time for actions. */
export class RateLimitedError extends AppError {
  override readonly retryAfterSeconds: number;
  constructor(what: string, retryAfterSeconds: number) {
    super("THROTTLED", `Too many ${what}. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const WHAT: Record<CostlyKind, string> = { test: "tests", refresh: "refreshes", browse: "secret listings" };
/** Beyond this many buckets, full ones (callers idle for a whole window) are dropped: memory stays bounded. */
const SWEEP_AT = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly limits: Record<CostlyKind, Limit>,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes one call from the caller's bucket, or answers how many seconds until one is available. */
  take(kind: CostlyKind, caller: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const { max, windowMs } = this.limits[kind];
    const rate = max / windowMs; // tokens per millisecond
    const key = `${kind}:${caller}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: max, at: now };
    const tokens = Math.min(max, bucket.tokens + Math.max(0, now - bucket.at) * rate);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      if (this.buckets.size > SWEEP_AT) this.sweep(now);
      return { ok: true };
    }
    this.buckets.set(key, { tokens, at: now });
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / rate / 1000)) };
  }

  /** Throws RateLimitedError when the caller is over the limit. */
  enforce(kind: CostlyKind, caller: string): void {
    const result = this.take(kind, caller);
    if (!result.ok) throw new RateLimitedError(WHAT[kind], result.retryAfterSeconds);
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const kind = key.slice(0, key.indexOf(":")) as CostlyKind;
      if (now - bucket.at >= this.limits[kind].windowMs) this.buckets.delete(key);
    }
  }
}

/** The limits from the environment (RATE_LIMIT_*_PER_MINUTE). */
export function configuredLimits(): Record<CostlyKind, Limit> {
  return {
    test: { max: env.RATE_LIMIT_TEST_PER_MINUTE, windowMs: 60_000 },
    refresh: { max: env.RATE_LIMIT_REFRESH_PER_MINUTE, windowMs: 60_000 },
    browse: { max: env.RATE_LIMIT_BROWSE_PER_MINUTE, windowMs: 60_000 },
  };
}

let shared: RateLimiter | undefined;

/** This process's limiter. */
export function rateLimiter(): RateLimiter {
  shared ??= new RateLimiter(configuredLimits());
  return shared;
}

/** Who is counted: an API token by its id, anyone else by user id. */
export function callerKey(who: { userId?: number; apiTokenId?: number; tokenId?: number }): string {
  const token = who.apiTokenId ?? who.tokenId;
  return token !== undefined ? `token:${token}` : `user:${who.userId}`;
}

/** One costly call by this caller: throws RateLimitedError (429 / a message with the retry time) when over. */
export function limitCostly(kind: CostlyKind, who: { userId?: number; apiTokenId?: number; tokenId?: number }): void {
  rateLimiter().enforce(kind, callerKey(who));
}
