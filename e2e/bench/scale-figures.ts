// Figure 1e: the cold start at scale. 1k / 10k / 100k connections over 200 / 2k / 20k AWS secrets, each run
// through the process's secrets cache (emptied between scales) and an AWS provider (official SDK) against the
// in-process emulator, all resolutions started in one burst: provider calls (target: the lower bound
// ceil(secrets/20)), failures (target 0), cold time, cache memory per secret, and warm time: every connection's
// credentials resolved again as a use resolves them (resolveCredentials), linear in the work: 100k ≤ 12× 10k.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { RunningAwsEmulator } from "@/e2e/emulators/aws";
import { callPolicyFor } from "@/lib/secrets/call-limits";
import type { CachePolicy, CachedOutcome, ConfigHandle } from "@/lib/secrets/cache/secrets-cache";
import { destinationKeyOf } from "@/lib/connections/destination";
import type { ConnectionForUse } from "@/lib/data/connections";
import { resolveCredentials, type ResolvedCredentials } from "@/lib/services/secrets/resolve-credentials";
import { secretsRuntime } from "@/lib/services/secrets/runtime";
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
/** resolveCredentials costs ~20 µs a connection against ~0.4 µs for the lookups alone: 3 rounds keep the figure under a minute. */
const RESOLVE_ROUNDS = 3;
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

/**
 * Connection i as a use loads it (loadConnectionForUse), built when used instead of read from the database: a
 * PostgreSQL connection whose user and password reference the same secrets as refSets, no reference policy.
 * Built per use, like a database read, so that no scale keeps 100k connection objects around between uses.
 */
const connectionLoader = (arns: readonly string[], handle: ConfigHandle): ((i: number) => ConnectionForUse) => {
  const settings = { host: "db.internal", port: 5432, database: "app", sslMode: "require" };
  const destination = destinationKeyOf("postgres", settings);
  return (i) => {
    const field = (name: "user" | "password", key: string, arn: string) =>
      ({ name, mode: "template", template: `{{workato:sm:${key}:${arn}}}`, providerConfigId: handle.id, destination }) as const;
    return {
      id: i + 1,
      workspaceId: handle.workspaceId,
      projectId: 1,
      name: `scale-${i}`,
      type: "postgres",
      settings,
      cachePolicy: POLICY,
      egress: { mode: "public+private", allowList: [] },
      active: { id: handle.id, kind: "aws", revision: handle.revision },
      policy: null,
      fields: [field("user", "username", arns[i % arns.length]!), field("password", "password", arns[(i * 7 + 3) % arns.length]!)],
    };
  };
};

// 200 secrets are ~170 kB of cache, less than the heap figure moves by on its own (JIT code, the first use's
// modules): memory is measured where the cache outweighs that noise.
const MEMORY_FROM_SECRETS = 2_000;
const cacheMemory = (r: { secrets: number; bytesPerSecret: number }) =>
  r.secrets >= MEMORY_FROM_SECRETS
    ? `${int(Math.round(r.bytesPerSecret))} B cache per secret`
    : `cache memory measured from ${int(MEMORY_FROM_SECRETS)} secrets`;

const failures = (results: ReadonlyArray<Map<string, CachedOutcome>>) => results.reduce((n, r) => n + [...r.values()].filter((o) => !o.ok).length, 0);

interface ScaleResult {
  connections: number;
  secrets: number;
  calls: number;
  failed: number;
  coldMs: number;
  /** Every connection's credentials resolved again through resolveCredentials: what a use costs once warm. */
  resolveMs: number;
  resolveCpuMs: number;
  resolveFailed: number;
  /** The cache's lookups alone (SecretsCache.getMany), the part that grows with distinct secrets. */
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
  withResolve = true,
): Promise<ScaleResult> {
  const arns = aws.scaleSecretArns.slice(0, scale.secrets);
  const sets = refSets(arns, scale.connections);
  clearAwsCredentialCache();
  const provider = createAwsProvider(
    { kind: "aws", owner, settings: { roleArn: aws.roleArn, region: "us-east-1" } },
    { platformAccountId: aws.platformAccountId },
  );
  const handle: ConfigHandle = { id, revision: 1, workspaceId: owner.workspaceId, provider };
  // The process's runtime, as resolveCredentials finds it: this handle at its revision, an empty cache.
  const runtime = secretsRuntime();
  runtime.handles.set(id, handle);
  const cache = runtime.cache;
  cache.clearAll();
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
  const resolved = withResolve ? await measureResolve(scale.connections, connectionLoader(arns, handle), passes) : undefined;
  runtime.handles.delete(id);
  cache.clearAll();
  return {
    ...scale,
    calls,
    failed,
    coldMs,
    resolveMs: resolved?.wallMs ?? NaN,
    resolveCpuMs: resolved?.cpuMs ?? NaN,
    resolveFailed: resolved?.failed ?? 0,
    warmMs: Math.min(...warmSamples),
    burstMs: Math.min(...burstSamples),
    warmCpuMs: Math.min(...warmCpuSamples),
    bytesPerSecret,
    maxInFlight: cache.callStats(id)?.maxInFlightSeen ?? 0,
  };
}

/** Every connection resolved as a use resolves it, WAVE at a time; CPU per pass, best of RESOLVE_ROUNDS. */
async function measureResolve(
  count: number,
  load: (i: number) => ConnectionForUse,
  passes: number,
): Promise<{ wallMs: number; cpuMs: number; failed: number }> {
  const resolveInWaves = async () => {
    let failed = 0;
    for (let wave = 0; wave < count; wave += WAVE) {
      const uses: Array<Promise<ResolvedCredentials>> = [];
      for (let i = wave; i < Math.min(wave + WAVE, count); i++) uses.push(resolveCredentials(load(i)));
      const results = await Promise.all(uses);
      failed += results.filter((r) => !r.ok || !r.values.user || !r.values.password).length;
    }
    return failed;
  };
  const failed = await resolveInWaves();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < RESOLVE_ROUNDS; round++) {
    heapAfterGc();
    const started = performance.now();
    const usage = process.cpuUsage();
    for (let pass = 0; pass < passes; pass++) await resolveInWaves();
    const used = process.cpuUsage(usage);
    wall.push((performance.now() - started) / passes);
    cpu.push((used.user + used.system) / 1000 / passes);
  }
  return { wallMs: Math.min(...wall), cpuMs: Math.min(...cpu), failed };
}

export async function runScaleFigures(emulator: RunningAwsEmulator, aws: BenchAws, owner: ProviderOwner, notes: string[]): Promise<Row[]> {
  const results: ScaleResult[] = [];
  for (const [i, scale] of SCALES.entries()) results.push(await runScale(emulator, aws, owner, scale, 1_000 + i));
  const rows: Row[] = results.map((r, i) => {
    const lowerBound = Math.ceil(r.secrets / BATCH_LIMIT);
    return {
      id: `1e.${i + 1}`,
      figure: `Cold start at scale: ${int(r.connections)} connections over ${int(r.secrets)} AWS secrets`,
      measured: `${int(r.calls)} BatchGetSecretValue, ${int(r.failed)} failed; cold ${ms(r.coldMs)}; warm ${ms(r.resolveMs)} (CPU ${ms(r.resolveCpuMs)}, ${int(r.resolveFailed)} failed), of which cache lookups ${ms(r.warmMs)} (CPU ${ms(r.warmCpuMs)}; one burst ${ms(r.burstMs)}); ${cacheMemory(r)}; ≤ ${r.maxInFlight} in flight; rotation poll ${int(r.secrets)} DescribeSecret (model, docs/rotation.md; measured at 2,000 in figure 11)`,
      baseline: `lower bound ceil(${int(r.secrets)}/${BATCH_LIMIT}) = ${int(lowerBound)}`,
      target: `= ${int(lowerBound)} calls, 0 failed`,
      verdict: r.calls === lowerBound && r.failed === 0 && r.resolveFailed === 0 ? "PASS" : "FAIL",
    };
  });
  const control = await runScale(emulator, aws, owner, CONTROL, 1_000 + SCALES.length, false);
  const [, tenK, hundredK] = results;
  // CPU time, not wall time: on a shared machine a 20 ms burst runs within one time slice while a 700 ms one
  // is time-shared with every other process, which alone makes wall time look several times superlinear.
  const warmRatio = hundredK!.resolveCpuMs / tenK!.resolveCpuMs;
  rows.push({
    id: "1e.4",
    figure: "Cold start at scale: warm time, every connection's credentials resolved again (resolveCredentials), CPU 100k connections vs 10k",
    measured: `${ms(hundredK!.resolveCpuMs)} vs ${ms(tenK!.resolveCpuMs)} CPU (${warmRatio.toFixed(1)}×): ${(hundredK!.resolveCpuMs / 100).toFixed(1)} vs ${(tenK!.resolveCpuMs / 10).toFixed(1)} µs per connection; wall ${ms(hundredK!.resolveMs)} vs ${ms(tenK!.resolveMs)} (${(hundredK!.resolveMs / tenK!.resolveMs).toFixed(1)}×)`,
    baseline: "linear: 10×",
    target: "≤ 12×",
    verdict: warmRatio <= 12 ? "PASS" : "FAIL",
  });
  const lookupRatio = hundredK!.warmCpuMs / tenK!.warmCpuMs;
  const controlRatio = control.warmCpuMs / tenK!.warmCpuMs;
  rows.push({
    id: "1e.5",
    figure: "The cache's lookups alone (SecretsCache.getMany), CPU: 100k connections over 20k secrets vs 10k over 2k, and 100k over the same 2k",
    measured: `${ms(hundredK!.warmCpuMs)} vs ${ms(tenK!.warmCpuMs)} (${lookupRatio.toFixed(1)}×); over the same 2k secrets ${ms(control.warmCpuMs)} (${controlRatio.toFixed(1)}×): ${(hundredK!.warmCpuMs / 100).toFixed(2)}, ${(control.warmCpuMs / 100).toFixed(2)} vs ${(tenK!.warmCpuMs / 10).toFixed(2)} µs per connection`,
    baseline: "linear: 10×",
    target: "info: the share of 1e.4 that grows with distinct secrets (see the note)",
    verdict: "info",
  });
  const { limits } = callPolicyFor("aws");
  notes.push(
    `Figure 1e resolves each scale in one burst of \`SecretsCache.getMany\` through the process's secrets cache (emptied between scales) and an AWS provider against the emulator's us-west-2 secrets (connection i references secret i mod n and (7i+3) mod n). Provider calls pass the configuration's call limiter (AWS defaults: ${limits.maxInFlight} in flight, ${limits.ratePerSecond} requests/s, half of BatchGetSecretValue's published 100/s per Region; docs/cache.md), so the 100k cold time is bounded below by ${int(Math.ceil(20_000 / BATCH_LIMIT))} calls / ${limits.ratePerSecond} per s. Warm time is what a use of a warm connection costs: each connection (built in memory as \`loadConnectionForUse\` returns it: PostgreSQL, user and password as references, no reference policy) goes through \`resolveCredentials\`, the function every use calls (parse the templates, policy gate, the cache, pick the JSON keys, render), ${int(WAVE)} concurrently at a time; best of ${RESOLVE_ROUNDS} rounds, each after a full GC. The database read that precedes a use is not in it. Ratios use CPU time (a short run fits in one time slice of a shared machine, a long one does not), and each CPU sample resolves at least ${int(WARM_WORK)} connections (the 10k scale ten times over) so that every scale pays its own garbage collection. Row 1e.5 is the cache's share alone (\`getMany\` on prepared references, best of ${WARM_ROUNDS}): ${(tenK!.warmCpuMs / 10).toFixed(2)} µs of the ${(tenK!.resolveCpuMs / 10).toFixed(1)} µs a connection costs at 10k. It is the part that can grow with distinct secrets: over the same 2k secrets 100k connections cost ${controlRatio.toFixed(1)}× the 10k figure, over 20k secrets ${lookupRatio.toFixed(1)}×, because 20k entries and their ARNs (about 4 MB) no longer fit this machine's 1 MB L2 per core while 2k do; the algorithm is one Map lookup per reference. "One burst" is all connections in a single \`Promise.all\`: there V8 holds every result at once and young-generation GC makes the time superlinear, which is the harness's cost, not the cache's. Cache memory: heap after GC with the cache full minus before, divided by the secrets (values are ~40-byte JSON strings, keys are full ARNs).`,
  );
  return rows;
}
