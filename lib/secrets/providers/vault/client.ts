// One provider instance's view of the shared Vault session (session.ts): its own retry policy, walk limits and
// concurrency, and `call`, which runs one Vault request with a live token and classifies what went wrong.
import { OutageLatch } from "@/lib/secrets/outage-latch";
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from "@/lib/secrets/retry";
import { SecretsError } from "@/lib/secrets/errors";
import type { VaultSettings } from "@/lib/secrets/types";
import { classifyCommon, isInvalidTokenError, unexpected } from "./classify";
import { VAULT } from "./errors";
import { DEFAULT_WALK_LIMITS, type WalkLimits } from "./kv-walk";
import { sessionFor, type VaultClient, type VaultConfig, type VaultSession, type VaultSessionOptions } from "./session";

export type { VaultConfig } from "./session";

export interface VaultProviderDeps extends VaultSessionOptions {
  walkLimits?: Partial<WalkLimits>;
  /** Secrets fetched at once by fetchSecrets. */
  concurrency?: number;
}

/** Explains a failure particular to one step (a 403 on a read, on a mount lookup); undefined = not its to explain. */
export type StepClassifier = (err: unknown) => SecretsError | undefined;

type RequestOptions = { headers: Record<string, string>; timeout: number };

/** A caller bound to the shared session of this configuration, with the calling provider's options. */
export function vaultCallerFor(config: VaultConfig, options: VaultProviderDeps = {}): VaultCaller {
  return new VaultCaller(sessionFor(config, options), options);
}

/** One provider's view of a session: its retry policy, limits and concurrency apply to its own calls. */
export class VaultCaller {
  readonly policy: RetryPolicy;
  readonly limits: WalkLimits;
  readonly concurrency: number;
  private readonly latch: OutageLatch;

  constructor(
    readonly session: VaultSession,
    private readonly options: VaultProviderDeps,
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
    this.latch = new OutageLatch(this.policy.outageHoldMs);
    this.limits = { ...DEFAULT_WALK_LIMITS, ...options.walkLimits };
    this.concurrency = Math.max(1, options.concurrency ?? 8);
  }

  get client(): VaultClient {
    return this.session.client;
  }

  get settings(): VaultSettings {
    return this.session.settings;
  }

  /** One provider operation under the shared deadline; steps throw SecretsErrors, retried when retryable. */
  run<T>(operation: () => Promise<T>): Promise<T> {
    return withRetries(() => operation(), {
      provider: VAULT,
      policy: this.options.retryPolicy,
      random: this.options.random,
      latch: this.latch,
      classify: (err) => (err instanceof SecretsError ? err : (classifyCommon(err, this.policy.attemptTimeoutMs) ?? unexpected(err))),
    });
  }

  /**
   * Calls Vault with a live token. A token Vault no longer accepts is replaced by one fresh login and the call
   * repeated once; any other failure becomes a SecretsError (common causes first, then `classify`).
   */
  async call<T>(fn: (options: RequestOptions) => Promise<T>, classify: StepClassifier, operation?: string): Promise<T> {
    const timeout = this.policy.attemptTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const token = await this.session.ensureToken(timeout);
      try {
        // node-vault drops abort signals; the socket timeout bounds the request instead.
        return await fn({ headers: { "X-Vault-Token": token.value }, timeout });
      } catch (err) {
        if (attempt === 0 && isInvalidTokenError(err)) {
          this.session.invalidate(token.value);
          continue;
        }
        throw classifyCommon(err, timeout, operation) ?? classify(err) ?? unexpected(err, operation);
      }
    }
  }
}
