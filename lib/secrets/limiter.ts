// Bounds the provider calls of one configuration: at most `maxInFlight` requests at once and a token bucket
// of `ratePerSecond` (docs/cache.md, "Call limits"). A call waits here, not inside the SDK's socket pool, so
// the provider's deadline only starts once the call is actually sent. Interactive calls (a user's Test) are
// served before any queued background call and have slots of their own that a background burst cannot take.

export type CallPriority = "interactive" | "background";

export interface CallLimits {
  /** Requests in flight at once (a BatchGetSecretValue of 20 ids is one request). */
  maxInFlight: number;
  /** Sustained requests per second; Infinity for no client-side rate limit. */
  ratePerSecond: number;
  /** Requests that may start at once after an idle period. */
  burst: number;
}

interface Waiter {
  cost: number;
  /** Identifies the call for `promote`. */
  tag?: object;
  priority: CallPriority;
  start: () => void;
}

export interface LimiterStats {
  inFlight: number;
  queued: number;
  maxInFlightSeen: number;
}

export class CallLimiter {
  private inFlight = 0;
  private maxInFlightSeen = 0;
  private tokens: number;
  private refilledAt: number;
  private readonly queues: Record<CallPriority, Waiter[]> = { interactive: [], background: [] };
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Slots only interactive calls may use, so a background burst never holds every slot. */
  private readonly reserved: number;

  constructor(
    readonly limits: CallLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limits.burst;
    this.refilledAt = now();
    this.reserved = limits.maxInFlight > 1 ? Math.max(1, Math.floor(limits.maxInFlight / 10)) : 0;
  }

  /** Runs `fn` once `cost` requests may start; `cost` is capped at what the limits could ever allow. */
  run<T>(cost: number, priority: CallPriority, fn: () => Promise<T>, tag?: object): Promise<T> {
    const units = Math.max(1, Math.min(cost, this.capacity(priority), this.limits.burst));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        cost: units,
        priority,
        tag,
        start: () => {
          // new Promise catches a synchronous throw too, so the slot is always given back.
          new Promise<T>((inner) => inner(fn())).then(resolve, reject).finally(() => {
            this.inFlight -= units;
            this.pump();
          });
        },
      };
      this.queues[priority].push(waiter);
      this.pump();
    });
  }

  /** Moves a queued background call ahead, when an interactive request turns out to need it. */
  promote(tag: object): void {
    const background = this.queues.background;
    const index = background.findIndex((w) => w.tag === tag);
    if (index < 0) return;
    const [waiter] = background.splice(index, 1);
    this.queues.interactive.push({ ...waiter!, priority: "interactive" });
    this.pump();
  }

  stats(): LimiterStats {
    return { inFlight: this.inFlight, queued: this.queues.interactive.length + this.queues.background.length, maxInFlightSeen: this.maxInFlightSeen };
  }

  private capacity(priority: CallPriority): number {
    return priority === "interactive" ? this.limits.maxInFlight : Math.max(1, this.limits.maxInFlight - this.reserved);
  }

  private refill(): void {
    const now = this.now();
    if (Number.isFinite(this.limits.ratePerSecond)) {
      this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.limits.ratePerSecond);
    } else {
      this.tokens = this.limits.burst;
    }
    this.refilledAt = now;
  }

  private pump(): void {
    this.refill();
    for (const priority of ["interactive", "background"] as const) {
      const queue = this.queues[priority];
      while (queue.length > 0) {
        const next = queue[0]!;
        if (this.inFlight + next.cost > this.capacity(priority)) break;
        if (this.tokens < next.cost) {
          this.wake(next.cost);
          return;
        }
        queue.shift();
        this.tokens -= next.cost;
        this.inFlight += next.cost;
        this.maxInFlightSeen = Math.max(this.maxInFlightSeen, this.inFlight);
        next.start();
      }
    }
  }

  /** Schedules the next pump for when the bucket holds `cost` tokens again. */
  private wake(cost: number): void {
    if (this.timer) return;
    const waitMs = Math.max(1, Math.ceil(((cost - this.tokens) / this.limits.ratePerSecond) * 1000));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, waitMs);
  }
}
