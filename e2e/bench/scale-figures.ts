// Figure 1e: the cold start at scale. 1k / 10k / 100k connections over 200 / 2k / 20k AWS secrets, each run
// through a fresh SecretsCache and AWS provider (official SDK) against the in-process emulator, all
// resolutions started in one burst: provider calls (target: the lower bound ceil(secrets/20)), failures
// (target 0), cold and warm time (warm linear in the work: 100k ≤ 12× 10k) and cache memory per secret.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { RunningAwsEmulator } from "@/e2e/emulators/aws";
import { callPolicyFor } from "@/lib/secrets/call-limits";
import { SecretsCache, type CachePolicy, type CachedOutcome, type ConfigHandle } from "@/lib/secrets/cache/secrets-cache";
import { clearAwsCredentialCache, createAwsProvider } from "@/lib/secrets/providers/aws";
import type { ProviderOwner, SecretRef } from "@/lib/secrets/types";
import { callDelta, type BenchAws } from "./aws-fixture";
import type { Row } from "./report";
import { int, ms } from "./stats";

const SCALES = [
  { connections: 1_000, secrets: 200 },
  { connections: 10_000, secrets: 2_000 },
  { connections: 100_000, secrets: 20_000 },
] as const;
/** The largest connection count over the middle scale's secrets: separates "more connections" from "more secrets". */
const CONTROL = { connections: 100_000, secrets: 2_000 } as const;
const BATCH_LIMIT = 20;
const POLICY: CachePolicy = { ttlMs: 60 * 60_000, graceMs: 15 * 60_000 };
// Best of 7, each round after a full GC: on a shared machine the median swings several-fold between runs, and
// the question is the cost of the work, not of the neighbours.
const WARM_ROUNDS = 7;
const WAVE = 1_000;
const WARM_WORK = 100_000;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const refSets = (arns: readonly string[], count: number): SecretRef[][] =>
  Array.from({ length: count }, (_, i) => [
    { kind: "aws", key: "username", arn: arns[i % arns.length]! },
    { kind: "aws", key: "password", arn: arns[(i * 7 + 3) % arns.length]! },
  ]);

const failures = (results: ReadonlyArray<Map<string, CachedOutcome>>) => results.reduce((n, r) => n + [...r.values()].filter((o) => !o.ok).length, 0);

interface ScaleResult {
  connections: number;
  secrets: number;
  calls: number;
  failed: number;
  coldMs: number;
  warmMs: number;
  /** All connections in one Promise.all: V8 keeping every result alive at once makes this superlinear. */
  burstMs: number;
  /** CPU time of the warm waves: what the work costs, whatever else the machine runs. */
  warmCpuMs: number;
  bytesPerSecret: number;
  maxInFlight: number;
}

async function runScale(
  emulator: RunningAwsEmulator,
  aws: BenchAws,
  owner: ProviderOwner,
  scale: { connections: number; secrets: number },
  id: number,
): Promise<ScaleResult> {
  const arns = aws.scaleSecretArns.slice(0, scale.secrets);
  const sets = refSets(arns, scale.connections);
  clearAwsCredentialCache();
  const provider = createAwsProvider(
    { kind: "aws", owner, settings: { roleArn: aws.roleArn, region: "us-east-1" } },
    { platformAccountId: aws.platformAccountId },
  );
  const handle: ConfigHandle = { id, revision: 1, workspaceId: owner.workspaceId, provider };
  const cache = new SecretsCache();
  const resolveAll = () => Promise.all(sets.map((refs) => cache.getMany(handle, refs, POLICY)));
  // Every connection once, 1,000 at a time, as a server answers requests: no caller holds 100,000 results at once.
  const resolveInWaves = async () => {
    for (let i = 0; i < sets.length; i += WAVE) await Promise.all(sets.slice(i, i + WAVE).map((refs) => cache.getMany(handle, refs, POLICY)));
  };
  // The CPU sample resolves at least WARM_WORK connections (the small scales several times over), so every scale
  // pays its garbage collection inside the sample: a 4 ms pass would otherwise leave its GC to the next round.
  const passes = Math.max(1, Math.round(WARM_WORK / scale.connections));

  const heapBefore = heapAfterGc();
  const before = emulator.calls();
  let started = performance.now();
  let cold: Array<Map<string, CachedOutcome>> | undefined = await resolveAll();
  const coldMs = performance.now() - started;
  const calls = callDelta(before, emulator.calls()).sm;
  const failed = failures(cold);
  cold = undefined;
  const bytesPerSecret = (heapAfterGc() - heapBefore) / scale.secrets;

  const burstSamples: number[] = [];
  const warmSamples: number[] = [];
  const warmCpuSamples: number[] = [];
  for (let round = 0; round < WARM_ROUNDS; round++) {
    heapAfterGc();
    started = performance.now();
    await resolveAll();
    burstSamples.push(performance.now() - started);
    heapAfterGc();
    started = performance.now();
    await resolveInWaves();
    warmSamples.push(performance.now() - started);
    heapAfterGc();
    const cpu = process.cpuUsage();
    for (let pass = 0; pass < passes; pass++) await resolveInWaves();
    const used = process.cpuUsage(cpu);
    warmCpuSamples.push((used.user + used.system) / 1000 / passes);
  }
  return {
    ...scale,
    calls,
    failed,
    coldMs,
    warmMs: Math.min(...warmSamples),
    burstMs: Math.min(...burstSamples),
    warmCpuMs: Math.min(...warmCpuSamples),
    bytesPerSecret,
    maxInFlight: cache.callStats(id)?.maxInFlightSeen ?? 0,
  };
}

export async function runScaleFigures(emulator: RunningAwsEmulator, aws: BenchAws, owner: ProviderOwner, notes: string[]): Promise<Row[]> {
  const results: ScaleResult[] = [];
  for (const [i, scale] of SCALES.entries()) results.push(await runScale(emulator, aws, owner, scale, 1_000 + i));
  const rows: Row[] = results.map((r, i) => {
    const lowerBound = Math.ceil(r.secrets / BATCH_LIMIT);
    return {
      id: `1e.${i + 1}`,
      figure: `Cold start at scale: ${int(r.connections)} connections over ${int(r.secrets)} AWS secrets`,
      measured: `${int(r.calls)} BatchGetSecretValue, ${int(r.failed)} failed; cold ${ms(r.coldMs)}, warm ${ms(r.warmMs)} (CPU ${ms(r.warmCpuMs)}; one burst ${ms(r.burstMs)}); ${int(Math.round(r.bytesPerSecret))} B cache per secret; ≤ ${r.maxInFlight} in flight; rotation poll ${int(r.secrets)} DescribeSecret (model, docs/rotation.md; measured at 2,000 in figure 11)`,
      baseline: `lower bound ceil(${int(r.secrets)}/${BATCH_LIMIT}) = ${int(lowerBound)}`,
      target: `= ${int(lowerBound)} calls, 0 failed`,
      verdict: r.calls === lowerBound && r.failed === 0 ? "PASS" : "FAIL",
    };
  });
  const control = await runScale(emulator, aws, owner, CONTROL, 1_000 + SCALES.length);
  const [, tenK, hundredK] = results;
  // CPU time, not wall time: on a shared machine a 20 ms burst runs within one time slice while a 700 ms one
  // is time-shared with every other process, which alone makes wall time look several times superlinear.
  const warmRatio = hundredK!.warmCpuMs / tenK!.warmCpuMs;
  rows.push({
    id: "1e.4",
    figure: "Cold start at scale: warm resolution CPU time, 100k connections vs 10k",
    measured: `${ms(hundredK!.warmCpuMs)} vs ${ms(tenK!.warmCpuMs)} CPU (${warmRatio.toFixed(1)}×); wall ${ms(hundredK!.warmMs)} vs ${ms(tenK!.warmMs)} (${(hundredK!.warmMs / tenK!.warmMs).toFixed(1)}×)`,
    baseline: "linear: 10×",
    target: "≤ 12×",
    verdict: warmRatio <= 12 ? "PASS" : "FAIL",
  });
  const controlRatio = control.warmCpuMs / tenK!.warmCpuMs;
  rows.push({
    id: "1e.5",
    figure: "Warm resolution CPU time, 100k connections over the same 2k secrets vs 10k",
    measured: `${ms(control.warmCpuMs)} vs ${ms(tenK!.warmCpuMs)} CPU (${controlRatio.toFixed(1)}×): ${(control.warmCpuMs / 100).toFixed(2)} vs ${(tenK!.warmCpuMs / 10).toFixed(2)} µs per connection`,
    baseline: "linear: 10×",
    target: "≤ 12× (cost per connection does not grow with connections)",
    verdict: controlRatio <= 12 ? "PASS" : "FAIL",
  });
  const { limits } = callPolicyFor("aws");
  notes.push(
    `Figure 1e resolves each scale in one burst through a fresh \`SecretsCache\` and AWS provider against the emulator's us-west-2 secrets (connection i references secret i mod n and (7i+3) mod n). Provider calls pass the configuration's call limiter (AWS defaults: ${limits.maxInFlight} in flight, ${limits.ratePerSecond} requests/s, half of BatchGetSecretValue's published 100/s per Region; docs/cache.md), so the 100k cold time is bounded below by ${int(Math.ceil(20_000 / BATCH_LIMIT))} calls / ${limits.ratePerSecond} per s. Warm: every connection resolved again from the full cache, ${int(WAVE)} concurrently at a time, best of ${WARM_ROUNDS} rounds each after a full GC; the ratio uses CPU time (a short run fits in one time slice of a shared machine, a long one does not), and each CPU sample resolves at least ${int(WARM_WORK)} connections (the 10k scale ten times over) so that every scale pays its own garbage collection. Row 1e.5 resolves 100k connections over the 10k scale's 2k secrets: if its ratio is linear while 1e.4's is not, the extra cost comes from 20k distinct entries no longer fitting the CPU's caches (about 4 MB of map, entries and ARNs against a 2 MB L2 here), not from the cache's algorithm (one Map lookup per reference). "One burst" is all connections in a single \`Promise.all\`: there V8 holds every result at once and young-generation GC makes the time superlinear (the same shape as \`Promise.all\` over 100,000 bare \`Map\`s), which is the harness's cost, not the cache's. Cache memory: heap after GC with the cache full minus before, divided by the secrets (values are ~40-byte JSON strings, keys are full ARNs).`,
  );
  return rows;
}
