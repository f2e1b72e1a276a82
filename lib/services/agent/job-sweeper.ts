import "server-only";
// Runs the agent job sweep (lib/data/agent-jobs.ts sweepAgentJobs) once a minute in every console instance:
// sealed results of waiters that crashed and payloads nobody claimed do not outlive their deadline by more
// than a minute or two, and the job table holds a day of jobs, not all of them (docs/agent.md "Job retention").
import { sweepAgentJobs } from "@/lib/data/agent-jobs";
import { log } from "@/lib/log";

const SWEEP_MS = 60_000;

export function startAgentJobSweeper(intervalMs = SWEEP_MS): { stop(): void } {
  const timer = setInterval(() => {
    sweepAgentJobs()
      .then(({ wiped, deleted }) => {
        if (wiped + deleted > 0) log.info({ event: "agent.jobs_swept", wiped, deleted }, "agent jobs past their deadline swept");
      })
      .catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, "Agent job sweep failed"));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

const globalForSweeper = globalThis as unknown as { keyholdAgentJobSweeper?: { stop(): void } };

/** The process-wide sweeper, started once (instrumentation.ts); kept on globalThis across Next's dev reloads. */
export function runAgentJobSweeper(): void {
  globalForSweeper.keyholdAgentJobSweeper ??= startAgentJobSweeper();
}
