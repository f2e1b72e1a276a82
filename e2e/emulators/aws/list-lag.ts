// ListSecrets' eventual consistency: the API reference warns that ListSecrets "might not reflect changes from
// the last five minutes". With a lag of N seconds the listing shows the secrets as they were N seconds ago
// (a new secret is missing, a deleted one still listed, a new version's stages not yet moved), while reads by
// id (GetSecretValue, BatchGetSecretValue with SecretIdList) see the current state, as in AWS.
import type { SecretRecord } from "./state";

export class ListLag {
  private seconds = 0;
  /** Snapshots of the secrets taken just before each change, oldest first. */
  private history: Array<{ changedAt: number; before: SecretRecord[] }> = [];

  set(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new Error("setListLag needs seconds >= 0");
    this.seconds = seconds;
    if (seconds === 0) this.history = [];
  }

  clear(): void {
    this.seconds = 0;
    this.history = [];
  }

  /** Call before changing the secrets. */
  recordChange(current: SecretRecord[], now = Date.now()): void {
    if (this.seconds === 0) return;
    this.prune(now);
    this.history.push({ changedAt: now, before: structuredClone(current) });
  }

  /** The secrets as ListSecrets sees them now. */
  view(current: SecretRecord[], now = Date.now()): SecretRecord[] {
    if (this.seconds === 0) return current;
    this.prune(now);
    // The oldest change still inside the window is the first the listing has not caught up with.
    return this.history[0]?.before ?? current;
  }

  private prune(now: number): void {
    const horizon = now - this.seconds * 1000;
    while (this.history.length > 0 && this.history[0]!.changedAt <= horizon) this.history.shift();
  }
}
