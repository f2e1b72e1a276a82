import "server-only";
// Rotation-aware refresh (docs/rotation.md): for each current configuration, once per workspace poll interval
// and on one instance only (the lease in lib/data/rotation-polls.ts), read the metadata of every secret its
// connections and workflows reference, never a value. A moved version drops that secret on every instance
// (which re-fetch it where it is in use), a secret gone at the provider is dropped so its next use meets the
// not-found, and a metadata denial turns tracking off with the permission to grant while every cached value
// stays. The same poll keeps the secret health rows, so the health page costs no provider call.
import { randomUUID } from "node:crypto";
import {
  claimRotationPoll,
  listPolledReferences,
  listRotationTargets,
  loadPolledHealth,
  savePoll,
  type HealthRow,
  type RotationTarget,
} from "@/lib/data/rotation-polls";
import { log } from "@/lib/log";
import type { MetadataReport, SecretMetadata } from "@/lib/secrets/metadata";
import { parseReference } from "@/lib/secrets/references";
import { decidePoll, minPollIntervalMs, pendingSince } from "@/lib/secrets/rotation";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { ProviderKind, SecretRef } from "@/lib/secrets/types";
import { dropRotatedSecrets, dropSecretsOf } from "./cache-control";
import { providerHandle } from "./runtime";

/** After a metadata denial the configuration is asked again this much later (and after any edit). */
export const DENIED_RETRY_MS = 15 * 60_000;
/** How long the list of configurations to poll (and their intervals) is reused between ticks. */
const TARGETS_TTL_MS = 10_000;

export interface PollSummary {
  configId: number;
  polled: number;
  changed: string[];
  missing: string[];
  calls: Record<string, number>;
  strategy: string;
  /** The missing permission when tracking went off. */
  denied?: string;
}

/** One poll of one configuration (the caller holds its lease). */
export async function pollConfiguration(target: RotationTarget, now = Date.now()): Promise<PollSummary> {
  const handle = await providerHandle(target.configId, target.revision);
  const refs = new Map<string, { ref: SecretRef; secretId: string; reference: string }>();
  for (const r of await listPolledReferences(target.configId)) {
    try {
      const ref = parseReference(r.reference, target.kind as ProviderKind);
      refs.set(secretVersionKey(ref), { ref, ...r });
    } catch {
      // A reference saved under another kind (before a replace) cannot be polled; resolving it reports why.
    }
  }
  const previous = await loadPolledHealth(target.configId);
  const empty: MetadataReport = { results: new Map(), strategy: "none", calls: {} };
  const report = handle.provider.readMetadata && refs.size > 0 ? await handle.provider.readMetadata([...refs.values()].map((r) => r.ref)) : empty;
  const before = new Map<string, SecretMetadata | undefined>([...previous].map(([k, row]) => [k, row.metadata]));
  const decision = decidePoll(before, report);

  const rows: HealthRow[] = [];
  for (const [key, { secretId, reference }] of refs) {
    const outcome = report.results.get(key);
    const old = previous.get(key);
    if (!outcome?.ok) {
      // Keep what the last good poll saw: a refused or failed metadata read never erases health (nor values).
      rows.push({
        secretKey: key,
        secretId,
        reference,
        ...(old?.metadata ? { metadata: old.metadata } : {}),
        ...(outcome ? { error: outcome.error.message } : {}),
        ...(old?.pendingSince ? { pendingSince: old.pendingSince } : {}),
      });
      continue;
    }
    const since = pendingSince(old?.metadata, old?.pendingSince, outcome.metadata, now);
    rows.push({ secretKey: key, secretId, reference, metadata: outcome.metadata, ...(since !== undefined ? { pendingSince: since } : {}) });
  }
  if (decision.changed.length) await dropRotatedSecrets(target.configId, decision.changed);
  if (decision.missing.length) await dropSecretsOf(target.configId, decision.missing);
  const denied = decision.denied;
  await savePoll(target, previous, {
    rows,
    calls: report.calls,
    strategy: report.strategy,
    ...(denied
      ? {
          trackingError: { permission: denied.permission, message: denied.message, fix: denied.fix },
          deferUntil: new Date(now + DENIED_RETRY_MS),
        }
      : {}),
  });
  const summary: PollSummary = {
    configId: target.configId,
    polled: refs.size,
    changed: decision.changed,
    missing: decision.missing,
    calls: report.calls,
    strategy: report.strategy,
    ...(denied ? { denied: denied.permission ?? denied.code } : {}),
  };
  if (denied)
    log.warn({ event: "rotation.tracking_off", configId: target.configId, permission: denied.permission }, "rotation tracking is off: metadata refused");
  if (decision.changed.length || decision.missing.length) log.info({ event: "rotation.poll", ...summary }, "rotation poll found changes");
  return summary;
}

export interface RotationPoller {
  /** Runs one round now (tests, bench); resolves with the polls this instance made. */
  tick(now?: number): Promise<PollSummary[]>;
  stop(): void;
  readonly holder: string;
}

/**
 * Every `tickMs` (default 2 s) each configuration whose interval has passed (in this process's view) is claimed; only the
 * instance whose claim wins polls it. A workspace interval of 0 turns polling off. Nothing is polled before
 * one interval has passed since start, so a restart does not cost an immediate poll of every configuration.
 */
export function startRotationPoller(options: { tickMs?: number; holder?: string; autoStart?: boolean } = {}): RotationPoller {
  const holder = options.holder ?? `instance-${randomUUID()}`;
  const startedAt = Date.now();
  const due = new Map<number, number>();
  const running = new Set<number>();
  /** Secrets each configuration polled last time: Google's quota stretches its interval (minPollIntervalMs). */
  const polledCount = new Map<number, number>();
  // The target list is re-read every TARGETS_TTL_MS, not every tick: on SQLite every read holds a shared lock
  // a committing writer must wait for, so the idle poller should stay off the database.
  let targets: RotationTarget[] = [];
  let targetsAt = Number.NEGATIVE_INFINITY;
  const tick = async (now = Date.now()): Promise<PollSummary[]> => {
    const out: PollSummary[] = [];
    if (options.autoStart === false || Date.now() - targetsAt >= TARGETS_TTL_MS) {
      targets = await listRotationTargets();
      targetsAt = Date.now();
    }
    for (const target of targets) {
      if (target.pollSeconds <= 0 || running.has(target.configId)) continue;
      const intervalMs = Math.max(target.pollSeconds * 1000, minPollIntervalMs(target.kind, polledCount.get(target.configId) ?? 0));
      const next = due.get(target.configId) ?? (options.autoStart === false ? now : startedAt + intervalMs);
      if (now < next) continue;
      due.set(target.configId, now + intervalMs);
      if (!(await claimRotationPoll(target, intervalMs, holder, new Date(now)))) continue;
      running.add(target.configId);
      try {
        const summary = await pollConfiguration(target, now);
        polledCount.set(target.configId, summary.polled);
        out.push(summary);
      } catch (err) {
        log.warn({ event: "rotation.poll_failed", configId: target.configId, err: err instanceof Error ? err.message : String(err) }, "rotation poll failed");
      } finally {
        running.delete(target.configId);
      }
    }
    return out;
  };
  const timer = options.autoStart === false ? undefined : setInterval(() => void tick().catch(() => undefined), options.tickMs ?? 2_000);
  timer?.unref?.();
  return { holder, tick, stop: () => clearInterval(timer) };
}

const globalForPoller = globalThis as unknown as { keyholdRotationPoller?: RotationPoller };

/** This process's poller, started once (kept on globalThis across Next's dev reloads). */
export function runRotationPoller(): RotationPoller {
  globalForPoller.keyholdRotationPoller ??= startRotationPoller();
  return globalForPoller.keyholdRotationPoller;
}
