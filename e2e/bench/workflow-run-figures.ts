// Figures 7e–7f: workflow runs end to end on one instance (docs/workflows.md): the console's own path on the
// embedded SQLite: createRun → the run queue (product defaults for SQLite: one run at a time, woken by the
// submit) → the engine with the project's workflow secrets through the shared secrets cache and the AWS
// provider (emulator), the egress-checked fetch to a local target, the destination rules, the trace and the
// audit. The workflow makes 3 HTTP calls carrying 2 secrets. Then: provider calls for 100 such runs.
import type { RunningAwsEmulator } from "@/e2e/emulators/aws";
import type { ProjectActor } from "@/lib/auth/actor";
import { mintRecentAuth } from "@/lib/auth/recent-auth";
import { db } from "@/lib/db";
import { setAllowedHosts } from "@/lib/data/workflow-hosts";
import { createRun } from "@/lib/data/workflow-runs";
import { saveWorkflowSecret } from "@/lib/data/workflow-secrets";
import { secretsRuntime } from "@/lib/services/secrets/runtime";
import { saveDefinition } from "@/lib/services/workflows/definitions";
import { startRunQueue, type RunQueue } from "@/lib/services/workflows/queue";
import { startWorkflowTarget } from "@/lib/testing/workflow-target";
import { callDelta, formatOps, type BenchAws } from "./aws-fixture";
import type { Row } from "./report";

const RUNS = 100;
const VALUE_READS = ["GetSecretValue", "BatchGetSecretValue"];

function definition(target: string): string {
  const call = (i: number) =>
    `  - call${i}:\n      call: http\n      with:\n        method: post\n        endpoint: ${target}/echo\n        headers:\n          x-user: $SECRETS.db-user\n          authorization: Bearer $SECRETS.db-password\n        body: { n: ${i} }\n`;
  return `document: { dsl: '1.0.0', namespace: bench, name: three-calls, version: '1.0.0' }\nuse:\n  secrets: [db-user, db-password]\ndo:\n${[1, 2, 3].map(call).join("")}`;
}

async function setUp(actor: ProjectActor, aws: BenchAws, target: string): Promise<number> {
  await saveWorkflowSecret(actor, { name: "db-user", kind: "reference", value: `{{workato:sm:username:${aws.secretArns[0]}}}` });
  await saveWorkflowSecret(actor, { name: "db-password", kind: "reference", value: `{{workato:sm:password:${aws.secretArns[1]}}}` });
  const saved = await saveDefinition(actor, definition(target));
  if (!saved.ok) throw new Error(`bench workflow invalid: ${JSON.stringify(saved.problems)}`);
  await setAllowedHosts(actor, saved.id, [new URL(target).host], mintRecentAuth({ userId: actor.userId, at: new Date() }));
  return saved.id;
}

async function runAll(queue: RunQueue, actor: ProjectActor, workflowId: number, count: number): Promise<number> {
  const started = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(await createRun(actor, workflowId, { i }, 60_000));
    queue.notify();
  }
  for (;;) {
    const open = await db.workflowRun.count({ where: { id: { in: ids }, status: { in: ["pending", "running"] } } });
    if (open === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const elapsed = performance.now() - started;
  const bad = await db.workflowRun.findMany({ where: { id: { in: ids }, status: { not: "completed" } }, select: { status: true, error: true }, take: 1 });
  if (bad.length > 0) throw new Error(`a bench run ended ${bad[0]!.status}: ${JSON.stringify(bad[0]!.error).slice(0, 300)}`);
  return elapsed;
}

const valueReads = (d: ReturnType<typeof callDelta>) => VALUE_READS.reduce((n, op) => n + (d.byOperation[op] ?? 0), 0);

export async function runWorkflowRunFigures(emulator: RunningAwsEmulator, aws: BenchAws, actor: ProjectActor, notes: string[]): Promise<Row[]> {
  const target = await startWorkflowTarget({ apiKey: "unused", clientId: "unused", clientSecret: "unused" });
  const queue = startRunQueue({ concurrency: 1, pollMs: 30_000, sweepMs: 60_000 });
  try {
    const workflowId = await setUp(actor, aws, target.url);
    secretsRuntime().cache.clearWorkspace(actor.workspaceId); // cold: earlier figures may have read these secrets
    const beforeCold = emulator.calls();
    const coldMs = await runAll(queue, actor, workflowId, 1);
    const cold = callDelta(beforeCold, emulator.calls());
    const beforeWarm = emulator.calls();
    const warmMs = await runAll(queue, actor, workflowId, RUNS - 1);
    const warm = callDelta(beforeWarm, emulator.calls());
    const perSecond = ((RUNS - 1) / warmMs) * 1000;
    const requests = target.requests.length;
    notes.push(
      `Figures 7e–7f: ${RUNS} runs of a workflow with 3 HTTP calls (POST to a local target, each carrying 2 workflow secrets: AWS references, one batch) on one instance with SQLite, the product's SQLite queue settings (one run at a time, woken by each submit); each run stores its trace and two audit events (started, finished). Runs per second: the ${RUNS - 1} runs after the cold one, from the first submit to the last end. The cold run took ${coldMs.toFixed(0)} ms (AssumeRole and the batch read included). The target received ${requests} requests.`,
    );
    const coldReads = valueReads(cold);
    const warmReads = valueReads(warm);
    return [
      {
        id: "7e",
        figure: "Workflow runs per second end to end, one instance (3 HTTP calls, 2 secrets, SQLite)",
        measured: `${perSecond.toFixed(1)} runs/s`,
        baseline: `${(warmMs / (RUNS - 1)).toFixed(1)} ms per run`,
        target: "report only",
        verdict: "info",
      },
      {
        id: "7f",
        figure: `Secrets Manager calls for ${RUNS} runs: cold run, then ${RUNS - 1} runs within the TTL`,
        measured: `${formatOps(cold)}, then ${formatOps(warm)}`,
        baseline: "—",
        target: "cold ≤ 1 batch, then 0",
        verdict: coldReads <= 1 && warmReads === 0 ? "PASS" : "FAIL",
      },
    ];
  } finally {
    await queue.stop();
    await target.close();
  }
}
