import "server-only";
// The run queue (docs/workflows.md). Runs are rows (lib/data/workflow-runs.ts); a worker claims the oldest
// pending one (on PostgreSQL with FOR UPDATE SKIP LOCKED, so several console instances share the work and no
// run executes twice), executes it, and claims the next. Workers are woken by `notify` after a submit on this
// instance and otherwise poll, which is how runs submitted to another instance are picked up. A sweeper faults
// runs whose lease expired because their instance died. SQLite is single-instance: the same loop runs
// in-process and the conditional claim keeps concurrent workers apart.
import { randomUUID } from "node:crypto";
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
}

export interface QueueOptions extends ExecuteOptions {
  /** Runs executed at once by this instance (default 4). */
  concurrency?: number;
  /** How often idle workers look for runs submitted elsewhere (default 500 ms). */
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
  const workers = Array.from({ length: options.concurrency ?? 4 }, worker);
  return {
    owner,
    state: () => (stopped ? "stopped" : "running"),
    notify: wakeAll,
    stop: async () => {
      stopped = true;
      clearInterval(sweeper);
      wakeAll();
      await Promise.all(workers);
    },
  };
}

const globalForQueue = globalThis as unknown as { keyholdRunQueue?: RunQueue };

/**
 * This process's queue, started on first use (kept on globalThis across Next's dev reloads). On SQLite (one
 * instance) every run is submitted here and wakes the workers, so they poll rarely and one run executes at a time:
 * the embedded database has one writer.
 */
export function runQueue(): RunQueue {
  globalForQueue.keyholdRunQueue ??= startRunQueue(runsMaySubmitElsewhere() ? {} : { concurrency: 1, pollMs: 30_000, sweepMs: 60_000 });
  return globalForQueue.keyholdRunQueue;
}

/** For readiness: this process's queue state, without starting it. */
export function runQueueState(): "running" | "stopped" | "not_started" {
  return globalForQueue.keyholdRunQueue?.state() ?? "not_started";
}
