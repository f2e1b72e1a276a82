// run(): executes a validated workflow and yields its trace as an async iterator. The engine pushes events
// into a queue; the consumer pulls. The last event is always workflow.completed/faulted/cancelled, and the
// generator's return value is the same result. Stopping the iteration early cancels the run.
import { randomUUID } from "node:crypto";
import { toWorkflowError, WorkflowError, workflowError } from "../errors";
import { evaluateDeep } from "../expressions/evaluate";
import { sharedJqPool } from "../expressions/pool";
import { Scrubber } from "../scrub";
import type { RunOptions, RunResult, TraceEvent, Workflow } from "../types";
import { DEFAULT_LIMITS, MemoryTokenCache, type PendingEvent, type RunContext } from "./context";
import { durationMs } from "./duration";
import { SecretStore, secretNamesIn } from "./secrets";
import { runList, Stop } from "./task";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export async function* run(workflow: Workflow, input: unknown, options: RunOptions): AsyncGenerator<TraceEvent, RunResult, undefined> {
  const queue: TraceEvent[] = [];
  let wake: (() => void) | null = null;
  const scrubber = new Scrubber();
  const push = (e: PendingEvent) => {
    queue.push(scrubber.value({ ...e, at: Date.now() }) as TraceEvent);
    wake?.();
  };
  const stop = new AbortController();
  let finished = false;
  const result = execute(workflow, input, options, scrubber, push, stop).finally(() => {
    finished = true;
    wake?.();
  });
  try {
    for (;;) {
      if (queue.length > 0) {
        yield queue.shift()!;
        continue;
      }
      if (finished) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
    return await result;
  } finally {
    if (!finished) {
      stop.abort(new Stop("cancelled"));
      await result.catch(() => undefined);
    }
  }
}

function runTimeout(workflow: Workflow, limit: number): number {
  const t = workflow.timeout;
  const own = isObj(t) ? durationMs(t.after) : Number.POSITIVE_INFINITY;
  return Math.min(own, limit);
}

async function execute(
  workflow: Workflow,
  input: unknown,
  options: RunOptions,
  scrubber: Scrubber,
  emit: (e: PendingEvent) => void,
  stop: AbortController,
): Promise<RunResult> {
  const started = performance.now();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const use = isObj(workflow.use) ? workflow.use : {};
  const declared = new Set(Array.isArray(use.secrets) ? use.secrets.map(String) : []);
  const timeoutMs = runTimeout(workflow, limits.runTimeoutMs);
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(new Stop("timeout")), timeoutMs);
  const signal = AbortSignal.any([stop.signal, timer.signal, ...(options.signal ? [options.signal] : [])]);
  const ctx: RunContext = {
    workflow,
    options,
    limits,
    scrubber,
    secrets: new SecretStore(
      declared,
      options.resolveSecrets,
      scrubber,
      emit,
      secretNamesIn(workflow).filter((n) => declared.has(n)),
    ),
    ev: { pool: options.expressions ?? sharedJqPool(), timeoutMs: limits.expressionTimeoutMs },
    tokens: options.tokenCache ?? new MemoryTokenCache(),
    context: {},
    base: {
      workflow: {
        id: options.runId ?? randomUUID(),
        definition: { document: workflow.document },
        input,
        startedAt: { iso8601: new Date().toISOString(), epoch: { ms: Date.now() } },
      },
      runtime: { name: "keyhold", version: "1.0.0" },
    },
    tasksRun: 0,
    emit,
    log: (entry) => {
      const clean = scrubber.value(entry);
      options.log?.(clean);
      emit({ type: "log", entry: clean });
    },
  };
  const ms = () => performance.now() - started;
  emit({ type: "workflow.started" });
  try {
    const wfInput =
      isObj(workflow.input) && workflow.input.from !== undefined
        ? await evaluateDeep(ctx.ev, workflow.input.from, input, { input, context: {}, workflow: ctx.base.workflow, runtime: ctx.base.runtime })
        : input;
    const { output: raw } = await runList(ctx, workflow.do, "/do", wfInput, signal, {});
    const output =
      isObj(workflow.output) && workflow.output.as !== undefined
        ? await evaluateDeep(ctx.ev, workflow.output.as, raw, { input: wfInput, context: ctx.context, workflow: ctx.base.workflow, runtime: ctx.base.runtime })
        : raw;
    const clean = scrubber.value(output);
    emit({ type: "workflow.completed", durationMs: ms(), output: clean });
    return { status: "completed", output: clean };
  } catch (err) {
    const reason = err instanceof Stop ? err.reason : signal.aborted ? (timer.signal.aborted ? "timeout" : "cancelled") : null;
    if (reason === "cancelled") {
      emit({ type: "workflow.cancelled", durationMs: ms() });
      return { status: "cancelled" };
    }
    const error =
      reason === "timeout"
        ? workflowError("timeout", `The run did not finish within ${timeoutMs} ms.`, { instance: "/" })
        : err instanceof WorkflowError
          ? err
          : toWorkflowError(err, "/");
    const problem = scrubber.value(error.problem);
    emit({ type: "workflow.faulted", durationMs: ms(), error: problem });
    return { status: "faulted", error: problem };
  } finally {
    clearTimeout(handle);
  }
}

/** Runs to the end and collects the trace: for tests, scripts and callers that do not stream. */
export async function runToEnd(workflow: Workflow, input: unknown, options: RunOptions): Promise<{ result: RunResult; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const it = run(workflow, input, options);
  for (;;) {
    const next = await it.next();
    if (next.done) return { result: next.value, events };
    events.push(next.value);
  }
}
