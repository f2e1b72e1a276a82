// A small pool of jq workers. jq runs synchronously inside WebAssembly, so a filter such as `def f: f; f`
// would freeze whichever thread runs it: here it freezes a worker, which is terminated when the evaluation's
// time limit passes and replaced on the next call (docs/workflows.md "Expressions").
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { WORKER_SOURCE } from "./worker-source";

export class JqFailure extends Error {
  constructor(
    message: string,
    readonly reason: "error" | "timeout" | "crashed",
  ) {
    super(message);
    this.name = "JqFailure";
  }
}

export interface JqPoolOptions {
  /** Workers kept; defaults to min(2, cores). */
  size?: number;
  /** V8 heap cap per worker (the WebAssembly heap of jq-wasm is itself capped at 256 MiB). */
  memoryMb?: number;
}

interface Job {
  id: number;
  /** Already re-run once on a fresh worker after a crash that may have been an earlier evaluation's fault. */
  retried: boolean;
  filter: string;
  vars: Record<string, string>;
  timeoutMs: number;
  resolve: (out: string) => void;
  reject: (err: JqFailure) => void;
}

interface Slot {
  worker: Worker;
  /** jq-wasm loaded; jobs wait for it. */
  ready: boolean;
  uses: number;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

const JQ_PACKAGE = "jq-wasm";
let buildPath: string | undefined;

/**
 * jq-wasm's Emscripten build (the worker instantiates it itself, see worker-source.ts). Resolved on first use
 * from the working directory: inside a Next build, `createRequire(import.meta.url).resolve` is rewritten to a
 * module id (a number) and evaluating it at import time broke the build.
 */
function jqBuildPath(): string {
  buildPath ??= join(dirname(createRequire(join(process.cwd(), "package.json")).resolve(JQ_PACKAGE)), "build", "jq.js");
  return buildPath;
}

export class JqPool {
  private readonly size: number;
  private readonly memoryMb: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: JqPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, availableParallelism()));
    this.memoryMb = options.memoryMb ?? 64;
  }

  /** Runs `filter` with `vars` (each already JSON text) and returns jq's compact output lines. */
  run(filter: string, vars: Record<string, string>, timeoutMs: number): Promise<string> {
    if (this.closed) return Promise.reject(new JqFailure("the expression pool is closed", "crashed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, retried: false, filter, vars, timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  /** Workers currently alive (for tests: a timed-out worker is replaced, not reused). */
  get workers(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new JqFailure("the expression pool is closed", "crashed"));
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        slot.job?.reject(new JqFailure("the expression pool is closed", "crashed"));
        this.settle(slot);
        return slot.worker.terminate().catch(() => undefined);
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      if (this.slots.length < this.size && !this.slots.some((s) => s.job === null)) this.spawn();
      const slot = this.slots.find((s) => s.ready && s.job === null);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.uses++;
      slot.timer = setTimeout(() => void this.retire(slot, `evaluation exceeded its time limit of ${job.timeoutMs} ms`, "timeout"), job.timeoutMs);
      slot.worker.postMessage({ id: job.id, filter: job.filter, vars: job.vars });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { jqBuildPath: jqBuildPath() },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      // jq-wasm prints aborts on stderr; the message already carries them.
      stderr: true,
      stdout: true,
    });
    worker.stderr.resume();
    worker.stdout.resume();
    worker.unref();
    const slot: Slot = { worker, ready: false, uses: 0, job: null, timer: null };
    worker.on("message", (m: { id: number; ok: boolean; out?: string; message?: string; fatal?: boolean; ready?: boolean }) => {
      if (m.ready) {
        slot.ready = true;
        return this.dispatch();
      }
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      if (!m.ok && m.fatal) return void this.retire(slot, m.message ?? "jq crashed");
      this.settle(slot);
      if (m.ok) job.resolve(m.out ?? "");
      else job.reject(new JqFailure(m.message ?? "jq failed", "error"));
      this.dispatch();
    });
    worker.on("error", (err) => void this.retire(slot, `the expression worker crashed: ${err.message}`));
    worker.on("exit", () => void this.retire(slot, "the expression worker exited"));
    this.slots.push(slot);
    return slot;
  }

  private settle(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  private async retire(slot: Slot, message: string, reason: JqFailure["reason"] = "crashed"): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // already retired (terminate() also fires "exit")
    this.slots.splice(index, 1);
    const job = slot.job;
    this.settle(slot);
    // A crash on a used worker may be an earlier evaluation's doing: one more try on a fresh worker.
    if (job && reason === "crashed" && slot.uses > 1 && !job.retried) this.queue.unshift({ ...job, retried: true });
    else job?.reject(new JqFailure(message, reason));
    // The replacement starts loading now, while the other workers keep serving.
    if (!this.closed && this.slots.length < this.size) this.spawn();
    if (!this.closed) this.dispatch();
    await slot.worker.terminate().catch(() => undefined);
  }
}

let shared: JqPool | null = null;

/** The process-wide pool the engine uses unless a run brings its own. */
export function sharedJqPool(): JqPool {
  shared ??= new JqPool();
  return shared;
}

export async function closeSharedJqPool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}
