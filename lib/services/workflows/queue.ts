import "server-only";
// The run queue (docs/workflows.md). Runs are rows (lib/data/workflow-runs.ts); a worker claims the oldest
// pending one (on PostgreSQL with FOR UPDATE SKIP LOCKED, so several console instances share the work and no
// run executes twice), executes it, and claims the next. Idle workers are woken by a submit on any instance
// (PostgreSQL LISTEN/NOTIFY, lib/data/run-wakeups.ts; on SQLite the submitting process) and otherwise poll
// slowly as a safety net. A sweeper faults
// runs whose lease expired because their instance died. SQLite is single-instance: the same loop runs
// in-process and the conditional claim keeps concurrent workers apart.
import { randomUUID } from "node:crypto";
import { onRunSubmitted } from "@/lib/data/run-wakeups";
import { claimNextRun, runsMaySubmitElsewhere, sweepExpiredRuns } from "@/lib/data/workflow-runs";
import { log } from "@/lib/log";
import { executeRun, type ExecuteOptions } from "./execute";

export interface RunQueue {
  /** For readiness: "running" while workers claim runs, "stopped" after stop(). */
  state(): "running" | "stopped";
  /** Tells the workers a run was submitted (they also poll). */
  notify(): void;
  /** Stops claiming; resolves when the runs in hand have finished. */
  stop(): Promise<void>;
  readonly owner: string;
  /** Resolves once this queue hears other instances' submits (at once on SQLite). */
  readonly listening: Promise<void>;
}

export interface QueueOptions extends ExecuteOptions {
  /** Runs executed at once by this instance (default 4). */
  concurrency?: number;
  /** How often idle workers look for runs anyway: the safety net behind LISTEN/NOTIFY (default 500 ms). */
  pollMs?: number;
  /** How often expired leases are swept (default 5 000 ms). */
  sweepMs?: number;
  owner?: string;
}

export function startRunQueue(options: QueueOptions = {}): RunQueue {
  const owner = options.owner ?? `instance-${randomUUID()}`;
  const pollMs = options.pollMs ?? 500;
  let stopped = false;
  const waiters = new Set<() => void>();
  const wakeAll = () => {
    for (const w of waiters) w();
    waiters.clear();
  };
  const idle = () =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, pollMs);
      waiters.add(() => {
        clearTimeout(t);
        resolve();
      });
    });

  const worker = async () => {
    while (!stopped) {
      let claimed: Awaited<ReturnType<typeof claimNextRun>> = null;
      try {
        claimed = await claimNextRun(owner);
        if (claimed) await executeRun(claimed, owner, options);
      } catch (err) {
        log.error({ err: err instanceof Error ? err.message : String(err), runId: claimed?.id }, "Workflow worker error");
      }
      if (!claimed && !stopped) await idle();
    }
  };
  const sweeper = setInterval(() => {
    sweepExpiredRuns().catch((err) => log.warn({ err: err instanceof Error ? err.message : String(err) }, "Workflow lease sweep failed"));
  }, options.sweepMs ?? 5_000);
  const subscription = onRunSubmitted(wakeAll).catch((err) => {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, "Not listening for run submits; workers poll");
    return async () => undefined;
  });
  const workers = Array.from({ length: options.concurrency ?? 4 }, worker);
  return {
    owner,
    state: () => (stopped ? "stopped" : "running"),
    notify: wakeAll,
    listening: subscription.then(() => undefined),
    stop: async () => {
      stopped = true;
      clearInterval(sweeper);
      wakeAll();
      await Promise.all(workers);
      await (await subscription)();
    },
  };
}

const globalForQueue = globalThis as unknown as { keyholdRunQueue?: RunQueue };

/**
 * This process's queue, started on first use (kept on globalThis across Next's dev reloads). Submits wake the
 * workers (NOTIFY on PostgreSQL, in-process on SQLite), so polling is only the safety net. On SQLite one run
 * executes at a time: the embedded database has one writer.
 */
export function runQueue(): RunQueue {
  globalForQueue.keyholdRunQueue ??= startRunQueue(runsMaySubmitElsewhere() ? { pollMs: 5_000 } : { concurrency: 1, pollMs: 30_000, sweepMs: 60_000 });
  return globalForQueue.keyholdRunQueue;
}

/** For readiness: this process's queue state, without starting it. */
export function runQueueState(): "running" | "stopped" | "not_started" {
  return globalForQueue.keyholdRunQueue?.state() ?? "not_started";
}
