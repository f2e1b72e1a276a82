// Whether this configuration may read with BatchGetSecretValue. The customer guide makes that action optional
// (ListSecrets + GetSecretValue are enough), so a batch refused as a whole is read again one secret at a time,
// and the refusal is remembered for 15 minutes: the next reads go one by one straight away, and a role that
// gains the permission is batched again after that. A provider instance lives for one configuration revision
// (lib/services/secrets/runtime.ts), so editing the configuration forgets the verdict too (docs/errors.md).
export const BATCH_DENIAL_MEMORY_MS = 15 * 60_000;
/** GetSecretValue calls one configuration keeps in flight when it reads one by one. */
export const SINGLE_READ_CONCURRENCY = 16;

/** What one batch call told us: it was served, refused as a whole (AccessDenied), or failed otherwise. */
export type BatchVerdict = "served" | "denied" | "failed";

export class BatchReadMode {
  private deniedUntil = 0;
  /** Batches were served, or a first batch failed for another reason: either way, no more waiting on a probe. */
  private settled = false;
  /** The first batch of a cold configuration; the others wait for its verdict instead of each being refused. */
  private probe?: Promise<void>;

  constructor(private readonly now: () => number = Date.now) {}

  /** Runs `batch` unless batches are known to be refused; true when the caller must read one by one instead. */
  async readOneByOne(batch: () => Promise<BatchVerdict>): Promise<boolean> {
    if (this.deniedUntil > this.now()) return true;
    if (this.probe !== undefined) {
      await this.probe;
      return this.readOneByOne(batch);
    }
    let settle: (() => void) | undefined;
    if (!this.settled) this.probe = new Promise<void>((resolve) => (settle = resolve));
    try {
      const verdict = await batch();
      // A refusal is remembered; once it expires the next batch probes again. Any other verdict ends probing,
      // so an outage does not make the chunks wait on each other's retries.
      if (verdict === "denied") this.deniedUntil = this.now() + BATCH_DENIAL_MEMORY_MS;
      this.settled = verdict !== "denied";
      return verdict === "denied";
    } finally {
      if (settle) {
        this.probe = undefined;
        settle();
      }
    }
  }

  /** True while a refusal is remembered (the Test report says so). */
  get batchDenied(): boolean {
    return this.deniedUntil > this.now();
  }
}

/** At most `limit` tasks at a time across every caller: one configuration's one-by-one reads share it. */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
