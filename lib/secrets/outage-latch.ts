// Once a provider has failed a step for good (retries exhausted on throttling, 5xx or network errors), the
// next steps of the same action would only repeat the wait and the load: a Test that cannot list should not go
// on to read, and a browser page should not fire another round. One latch per provider instance (per
// configuration revision) holds that outage for a few seconds; calls during that time fail at once with the
// same error, without reaching the provider, and the first success clears it (docs/errors.md "Retry budget").
import type { SecretsError } from "./errors";

export class OutageLatch {
  private until = 0;
  private error?: SecretsError;

  constructor(
    private readonly holdMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The outage still held, if any. */
  current(): SecretsError | undefined {
    return this.error && this.now() < this.until ? this.error : undefined;
  }

  trip(error: SecretsError): void {
    this.error = error;
    this.until = this.now() + this.holdMs;
  }

  clear(): void {
    this.error = undefined;
    this.until = 0;
  }
}
