// The in-memory secrets cache (docs/cache.md). Values live only here, in server
// memory, for the workspace's TTL. Keyed by provider configuration + revision + secret version, so editing a
// configuration (revision + 1) can never serve its old values. Single flight per secret; misses go through a
// coalescer per configuration. Revocation wins: access denied or not found drops the entry at once. An outage
// after expiry may serve the last good value for the grace period, and says so (source "stale").
import { callPolicyFor } from "@/lib/secrets/call-limits";
import type { SecretsError } from "@/lib/secrets/errors";
import { CallLimiter, type CallLimits, type CallPriority, type LimiterStats } from "@/lib/secrets/limiter";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { SecretPayload, SecretRef, SecretsProvider } from "@/lib/secrets/types";
import { secretsLog } from "@/lib/secrets/secrets-log";
import { FetchCoalescer } from "./coalescer";

export interface CachePolicy {
  ttlMs: number;
  /** 0 disables serving stale values during outages. */
  graceMs: number;
}

export interface ConfigHandle {
  id: number;
  revision: number;
  workspaceId: number;
  provider: SecretsProvider;
  /** Overrides of the provider's default call limits (lib/secrets/call-limits.ts). */
  limits?: Partial<CallLimits>;
}

export interface GetOptions {
  /** "interactive" for a user waiting on this answer (a Test): it goes ahead of background bursts. */
  priority?: CallPriority;
}

export type CachedOutcome =
  | { ok: true; payload: SecretPayload; source: "cache" | "provider" | "stale"; fetchedAt: number }
  | { ok: false; error: SecretsError };

interface Entry {
  /** The outcome a hit returns, built once: warm resolution allocates nothing per reference. */
  hit: CachedOutcome;
  /** What was fetched and under which policy: a rotation re-fetches active entries with both. */
  ref: SecretRef;
  policy: CachePolicy;
  /** Last hit or fetch (ms): "in active use" for the rotation poller's background re-fetch. */
  usedAt: number;
  payload: SecretPayload;
  workspaceId: number;
  configId: number;
  versionKey: string;
  fetchedAt: number;
  expiresAt: number;
}

interface CacheCounters {
  hits: number;
  misses: number;
  providerCalls: number;
  errors: number;
  staleServed: number;
  entries: number;
}

// One key format for entries, in-flight fetches and coalescers: "<config id>:<revision>:<secretVersionKey>".
// A revision bump makes every old entry unreachable at once; `configKey(id, "")` is the prefix of all revisions.
const configKey = (configId: number, revision: number | "") => `${configId}:${revision}`;
const entryKey = (config: ConfigHandle, versionKey: string) => `${configKey(config.id, config.revision)}:${versionKey}`;

export class SecretsCache {
  /** Entries per "<config id>:<revision>", then per secretVersionKey: a warm lookup builds no key string. */
  private entries = new Map<string, Map<string, Entry>>();
  private inflight = new Map<string, Promise<CachedOutcome>>();
  private coalescers = new Map<string, FetchCoalescer>();
  /** One limiter per configuration, shared by its revisions: the quota belongs to the account, not the revision. */
  private limiters = new Map<number, CallLimiter>();
  private counters = { hits: 0, misses: 0, providerCalls: 0, errors: 0, staleServed: 0 };

  constructor(private readonly options: { windowMs?: number; now?: () => number } = {}) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /**
   * Resolves each reference's secret version through the cache; one outcome per secretVersionKey. When every
   * reference is a fresh hit (the common, warm case) it answers synchronously, with a single promise.
   */
  getMany(config: ConfigHandle, refs: readonly SecretRef[], policy: CachePolicy, options: GetOptions = {}): Promise<Map<string, CachedOutcome>> {
    const now = this.now();
    const entries = this.entriesOf(config);
    const results = new Map<string, CachedOutcome>();
    let misses: Array<[string, SecretRef]> | undefined;
    for (const ref of refs) {
      const versionKey = secretVersionKey(ref);
      if (results.has(versionKey)) continue;
      const entry = entries?.get(versionKey);
      if (entry && entry.expiresAt > now) {
        this.counters.hits++;
        entry.usedAt = now;
        results.set(versionKey, entry.hit);
      } else {
        misses ??= [];
        misses.push([versionKey, ref]);
      }
    }
    if (!misses) return Promise.resolve(results);
    return Promise.all(misses.map(async ([versionKey, ref]) => void results.set(versionKey, await this.get(config, ref, policy, options)))).then(() => results);
  }

  get(config: ConfigHandle, ref: SecretRef, policy: CachePolicy, options: GetOptions = {}): Promise<CachedOutcome> {
    const versionKey = secretVersionKey(ref);
    const key = entryKey(config, versionKey);
    const entry = this.entriesOf(config)?.get(versionKey);
    const now = this.now();
    if (entry && entry.expiresAt > now) {
      this.counters.hits++;
      entry.usedAt = now;
      return Promise.resolve(entry.hit);
    }
    const running = this.inflight.get(key);
    if (running !== undefined) {
      this.counters.hits++;
      if (options.priority === "interactive") this.coalescerFor(config).promote(ref);
      return running;
    }
    this.counters.misses++;
    const promise = this.fetch(config, ref, versionKey, policy, options.priority).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private async fetch(
    config: ConfigHandle,
    ref: SecretRef,
    versionKey: string,
    policy: CachePolicy,
    priority: CallPriority = "background",
  ): Promise<CachedOutcome> {
    const outcome = await this.coalescerFor(config).fetch(ref, priority);
    const now = this.now();
    if (outcome.ok) {
      const hit: CachedOutcome = { ok: true, payload: outcome.payload, source: "cache", fetchedAt: now };
      this.entriesOf(config, true).set(versionKey, {
        hit,
        ref,
        policy,
        usedAt: now,
        payload: outcome.payload,
        workspaceId: config.workspaceId,
        configId: config.id,
        versionKey,
        fetchedAt: now,
        expiresAt: now + policy.ttlMs,
      });
      return { ok: true, payload: outcome.payload, source: "provider", fetchedAt: now };
    }
    this.counters.errors++;
    const previous = this.entriesOf(config)?.get(versionKey);
    const about = { configId: config.id, workspaceId: config.workspaceId, secret: versionKey, code: outcome.error.code, category: outcome.error.category };
    if (outcome.error.category !== "unavailable") {
      // Revocation wins: a denial or not-found drops the entry, whatever the grace period would allow.
      if (previous) secretsLog().warn({ event: "secrets.cache_revoked", ...about }, "cached secret dropped: the provider refused it");
      this.entriesOf(config)?.delete(versionKey);
      return outcome;
    }
    if (previous && previous.expiresAt + policy.graceMs > now) {
      this.counters.staleServed++;
      secretsLog().warn({ event: "secrets.stale_served", ...about, ageMs: now - previous.fetchedAt }, "provider unavailable: serving the last good value");
      return { ok: true, payload: previous.payload, source: "stale", fetchedAt: previous.fetchedAt };
    }
    return outcome;
  }

  private entriesOf(config: ConfigHandle, create: true): Map<string, Entry>;
  private entriesOf(config: ConfigHandle): Map<string, Entry> | undefined;
  private entriesOf(config: ConfigHandle, create = false): Map<string, Entry> | undefined {
    const key = configKey(config.id, config.revision);
    let entries = this.entries.get(key);
    if (!entries && create) {
      entries = new Map();
      this.entries.set(key, entries);
    }
    return entries;
  }

  private coalescerFor(config: ConfigHandle): FetchCoalescer {
    const key = configKey(config.id, config.revision);
    let c = this.coalescers.get(key);
    if (!c) {
      const callPolicy = callPolicyFor(config.provider.kind, config.limits);
      let limiter = this.limiters.get(config.id);
      if (!limiter) {
        limiter = new CallLimiter(callPolicy.limits);
        this.limiters.set(config.id, limiter);
      }
      c = new FetchCoalescer(config.provider, this.options.windowMs ?? 5, () => this.counters.providerCalls++, limiter, callPolicy);
      this.coalescers.set(key, c);
    }
    return c;
  }

  /** Drops the given secret versions of one configuration, whatever its revision: the refresh API. */
  dropSecrets(configId: number, versionKeys: readonly string[]): number {
    // "aws:<arn>" is how instances before the key change name an AWS secret on the bus: accept it during an upgrade.
    const wanted = new Set(versionKeys.map((k) => (k.startsWith("aws:arn:") ? k.slice(4) : k)));
    return this.dropWhere((e) => e.configId === configId && wanted.has(e.versionKey), { scope: "secrets", configId, secrets: versionKeys.length });
  }

  /**
   * A rotation was seen: drops those secret versions and, for the ones used within `activeMs`, fetches them
   * again in the background through `config` (when this instance has its provider handle at the same
   * configuration id), so the next use is warm.
   * Returns the number dropped; the re-fetch promise is for tests and the bench.
   */
  dropAndRefetch(
    configId: number,
    config: ConfigHandle | undefined,
    versionKeys: readonly string[],
    activeMs: number,
  ): { dropped: number; refetched: Promise<number> } {
    const wanted = new Set(versionKeys);
    const since = this.now() - activeMs;
    const active: Array<{ ref: SecretRef; policy: CachePolicy }> = [];
    for (const entries of this.entries.values()) {
      for (const e of entries.values()) if (e.configId === configId && wanted.has(e.versionKey) && e.usedAt >= since) active.push(e);
    }
    const dropped = this.dropSecrets(configId, versionKeys);
    if (!config || active.length === 0) return { dropped, refetched: Promise.resolve(0) };
    const refetched = Promise.all(active.map((e) => this.get(config, e.ref, e.policy))).then((outcomes) => outcomes.filter((o) => o.ok).length);
    return { dropped, refetched };
  }

  /** A configuration was edited or replaced: its values go at once. */
  dropConfig(configId: number): number {
    for (const key of this.coalescers.keys()) if (key.startsWith(configKey(configId, ""))) this.coalescers.delete(key);
    this.limiters.delete(configId); // the edit may have changed its limits; calls under way finish on the old one
    return this.dropWhere((e) => e.configId === configId, { scope: "config", configId });
  }

  /** Everything, e.g. after this instance may have missed an invalidation. */
  clearAll(): number {
    return this.dropWhere(() => true, { scope: "all" });
  }

  /** clear_cache and scope switches: everything of one workspace. */
  clearWorkspace(workspaceId: number): number {
    return this.dropWhere((e) => e.workspaceId === workspaceId, { scope: "workspace", workspaceId });
  }

  private dropWhere(match: (entry: Entry) => boolean, about: Record<string, string | number>): number {
    const dropped = this.dropMatching(match);
    secretsLog().info({ event: "secrets.cache_cleared", ...about, dropped }, `secrets cache cleared (${about.scope})`);
    return dropped;
  }

  private dropMatching(match: (entry: Entry) => boolean): number {
    let dropped = 0;
    for (const [configKey, entries] of this.entries) {
      for (const [key, entry] of entries) {
        if (match(entry)) {
          entries.delete(key);
          dropped++;
        }
      }
      if (entries.size === 0) this.entries.delete(configKey);
    }
    return dropped;
  }

  /** In-flight and queued provider calls of one configuration (bench, settings page). */
  callStats(configId: number): LimiterStats | undefined {
    return this.limiters.get(configId)?.stats();
  }

  stats(): CacheCounters {
    let entries = 0;
    for (const m of this.entries.values()) entries += m.size;
    return { ...this.counters, entries };
  }
}
