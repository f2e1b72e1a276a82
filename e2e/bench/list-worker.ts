// Figure 5, one database per process (lib/db binds to DATABASE_URL once per process): seeds a project with
// 10,000 connections and an empty one, times the `listConnections` data function the page calls and counts
// its SQL statements at the driver adapter, then (when a build exists and no build runs) times the real page
// over HTTP against `next start`. Prints one `BENCH_RESULT <json>` line on stdout; progress goes to stderr.
import { countQueries, installQueryCounter } from "./query-counter";
import { benchAwsFixture, REGION } from "./aws-fixture";
import { buildId, getPage, scriptSources, startNext, waitForBuild } from "./next-server";
import { PgStatementLog } from "./pg-statement-log";
import { median } from "./stats";
import { sqlLabel } from "./sql-summary";
import { BIG, type WorkerResult } from "./list-types";
import { stopChildrenOnSignals } from "@/lib/cli/processes";

installQueryCounter();
stopChildrenOnSignals();

const DATA_FN_SAMPLES = 40;
const HTTP_SAMPLES = 30;
const CHUNK = 500;

const progress = (msg: string) => process.stderr.write(`  [${process.env.BENCH_KIND}] ${msg}\n`);

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL!;
  const { migrateDatabase } = await import("@/lib/migrations/migrate-database");
  await migrateDatabase(url);
  const { seedWorkspace } = await import("@/lib/testing/seed-actors");
  const { saveProviderConfig } = await import("@/lib/data/provider-configs");
  const { createConnection } = await import("@/lib/data/connections");
  const { createSession } = await import("@/lib/data/sessions");
  const { listConnections } = await import("@/lib/data/projects");
  const { formatReference } = await import("@/lib/secrets/references");
  const { db } = await import("@/lib/db");

  const { ws, projects, owner, wsActor, projectActor } = await seedWorkspace();
  const [bigProject, emptyProject] = projects;
  const bigActor = projectActor(bigProject!.id);
  const emptyActor = projectActor(emptyProject!.id);
  const aws = benchAwsFixture({ externalId: "unused", pgUser: "unused", pgPassword: "unused" });
  await saveProviderConfig(wsActor, { kind: "aws", settings: { roleArn: aws.roleArn, region: REGION } });
  await (await import("@/lib/testing/reference-policy")).allowAllReferences(wsActor);

  // One connection through the real data function; the other 9,999 copy its shape with createMany.
  const refsOf = (i: number) => ({
    user: { kind: "aws" as const, key: "username", arn: aws.secretArns[i % aws.secretArns.length]! },
    password: { kind: "aws" as const, key: "password", arn: aws.secretArns[(i * 7 + 3) % aws.secretArns.length]! },
  });
  const nameOf = (i: number) => `Connection ${String(i).padStart(5, "0")}`;
  const settingsOf = (i: number) => ({ host: `db-${i}.internal.example`, port: 5432, database: "app", sslMode: "require" });
  progress(`seeding ${BIG.toLocaleString("en-US")} connections`);
  const r0 = refsOf(0);
  const firstId = await createConnection(bigActor, {
    name: nameOf(0),
    type: "postgres",
    settings: settingsOf(0),
    credentials: { user: { mode: "set", value: formatReference(r0.user) }, password: { mode: "set", value: formatReference(r0.password) } },
  });
  const template = await db.connection.findUniqueOrThrow({
    where: { id: firstId },
    select: { wrappedDataKey: true, fields: { select: { providerConfigId: true }, take: 1 } },
  });
  const providerConfigId = template.fields[0]!.providerConfigId!;
  for (let start = 1; start < BIG; start += CHUNK) {
    const indexes = Array.from({ length: Math.min(CHUNK, BIG - start) }, (_, k) => start + k);
    await db.connection.createMany({
      data: indexes.map((i) => ({
        workspaceId: ws.id,
        projectId: bigProject!.id,
        name: nameOf(i),
        type: "postgres",
        settings: settingsOf(i),
        wrappedDataKey: template.wrappedDataKey,
        ...(i % 3 === 0 ? { lastTestAt: new Date(Date.now() - i * 1000), lastTestOk: i % 2 === 0, lastTestSummary: "Connected." } : {}),
        degraded: i % 97 === 0,
      })),
    });
    const created = await db.connection.findMany({ where: { projectId: bigProject!.id, name: { in: indexes.map(nameOf) } }, select: { id: true, name: true } });
    const idOf = new Map(created.map((c) => [c.name, c.id]));
    const fields = indexes.flatMap((i) => {
      const refs = refsOf(i);
      return (["user", "password"] as const).map((name) => ({ connectionId: idOf.get(nameOf(i))!, name, ref: refs[name] }));
    });
    await db.credentialField.createMany({
      data: fields.map((f) => ({ connectionId: f.connectionId, name: f.name, mode: "template", template: formatReference(f.ref), providerConfigId })),
    });
    await db.secretUsage.createMany({
      data: fields.map((f) => ({
        workspaceId: ws.id,
        projectId: bigProject!.id,
        connectionId: f.connectionId,
        fieldName: f.name,
        providerConfigId,
        secretId: f.ref.arn,
        reference: formatReference(f.ref),
      })),
    });
  }

  progress("timing listConnections");
  const probe = await countQueries(() => listConnections(bigActor, { page: 1 }));
  const emptyProbe = await countQueries(() => listConnections(emptyActor, { page: 1 }));
  if (probe.result.total !== BIG || probe.result.rows.length !== probe.result.pageSize) {
    throw new Error(`listConnections saw ${probe.result.total} connections and ${probe.result.rows.length} rows`);
  }
  if (emptyProbe.result.total !== 0) throw new Error("the empty project is not empty");
  const timeOne = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  const big = () => listConnections(bigActor, { page: 1 });
  const empty = () => listConnections(emptyActor, { page: 1 });
  for (let i = 0; i < 10; i++) {
    await big();
    await empty();
  }
  // Right after a bulk insert PostgreSQL has no statistics for the table yet; autovacuum gathers them within
  // about a minute in production. Time that transient state briefly, then measure the steady state.
  let beforeAnalyze: WorkerResult["dataFn"]["beforeAnalyze"];
  if (!url.startsWith("file:")) {
    const b: number[] = [];
    const e: number[] = [];
    for (let i = 0; i < 20; i++) {
      b.push(await timeOne(big));
      e.push(await timeOne(empty));
    }
    const plan = async () => {
      const rows = await db.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(
        `EXPLAIN SELECT "id" FROM "Connection" WHERE "projectId" = ${bigProject!.id} ORDER BY "name" LIMIT 25`,
      );
      return rows
        .map((r) => r["QUERY PLAN"].replace(/^\s*(->\s*)?/, "").replace(/\s*\(cost=.*$/, ""))
        .filter((line) => !/^(Index Cond|Filter|Recheck Cond|Sort Key):/.test(line))
        .join(" → ");
    };
    const planBefore = await plan();
    await db.$executeRawUnsafe("VACUUM ANALYZE");
    beforeAnalyze = { bigMs: median(b), emptyMs: median(e), planBefore, planAfter: await plan() };
    for (let i = 0; i < 5; i++) await big();
  }
  const bigMs: number[] = [];
  const emptyMs: number[] = [];
  for (let i = 0; i < DATA_FN_SAMPLES; i++) {
    // Alternate the order so neither side always runs right after the other's cache warm-up.
    if (i % 2 === 0) {
      bigMs.push(await timeOne(big));
      emptyMs.push(await timeOne(empty));
    } else {
      emptyMs.push(await timeOne(empty));
      bigMs.push(await timeOne(big));
    }
  }
  // Where the time goes: each statement's latency, recorded over separate runs (not the timed ones above).
  const statementMs = async (fn: () => Promise<unknown>) => {
    const byLabel = new Map<string, number[]>();
    for (let i = 0; i < 20; i++) {
      const { statements } = await countQueries(fn);
      for (const s of statements) byLabel.set(sqlLabel(s.sql), [...(byLabel.get(sqlLabel(s.sql)) ?? []), s.ms]);
    }
    return Object.fromEntries([...byLabel].map(([label, xs]) => [label, median(xs)]));
  };
  const statementTimes = { big: await statementMs(big), empty: await statementMs(empty) };
  const lastPage = Math.ceil(BIG / probe.result.pageSize);
  const lastSamples: number[] = [];
  for (let i = 0; i < 10; i++) lastSamples.push(await timeOne(() => listConnections(bigActor, { page: lastPage })));

  const result: WorkerResult = {
    kind: process.env.BENCH_KIND ?? "?",
    dataFn: {
      total: probe.result.total,
      rows: probe.result.rows.length,
      bigMs,
      emptyMs,
      lastPageMs: median(lastSamples),
      ...(beforeAnalyze ? { beforeAnalyze } : {}),
      bigQueries: probe.count,
      emptyQueries: emptyProbe.count,
      statements: probe.statements.map((st) => st.sql),
      statementMs: statementTimes,
    },
    http: { skipped: "not requested" },
  };

  const reason = process.env.BENCH_HTTP === "1" ? await waitForBuild(90_000) : "not requested";
  if (reason) result.http = { skipped: reason };
  else {
    progress("timing the page over HTTP (next start)");
    const session = await createSession({ userId: owner.id, ttlHours: 2, userAgent: "keyhold-bench", clientIp: "127.0.0.1" });
    const cookie = `kh_session=${session.token}`;
    const build = buildId();
    const next = await startNext(process.env);
    try {
      const bigUrl = `${next.url}/w/${ws.id}/p/${bigProject!.id}/connections`;
      const emptyUrl = `${next.url}/w/${ws.id}/p/${emptyProject!.id}/connections`;
      const first = await getPage(bigUrl, cookie);
      const text = first.body.replace(/<!-- -->/g, "");
      if (first.status !== 200 || !text.includes(`${BIG} connections`)) {
        throw new Error(`GET ${bigUrl} answered ${first.status} without "${BIG} connections"`);
      }
      const firstEmpty = await getPage(emptyUrl, cookie);
      if (firstEmpty.status !== 200 || !firstEmpty.body.includes("No connections yet")) throw new Error(`GET ${emptyUrl} answered ${firstEmpty.status}`);
      for (let i = 0; i < 5; i++) {
        await getPage(bigUrl, cookie);
        await getPage(emptyUrl, cookie);
      }
      const httpBig: number[] = [];
      const httpEmpty: number[] = [];
      for (let i = 0; i < HTTP_SAMPLES; i++) {
        const pair = i % 2 === 0 ? [bigUrl, emptyUrl] : [emptyUrl, bigUrl];
        for (const u of pair) {
          const res = await getPage(u, cookie);
          if (res.status !== 200) throw new Error(`GET ${u} answered ${res.status}`);
          (u === bigUrl ? httpBig : httpEmpty).push(res.ms);
        }
      }
      let perRequest: { big: number; empty: number; statements: string[] } | undefined;
      const adminUrl = process.env.BENCH_PG_ADMIN_URL;
      const logPath = process.env.BENCH_PG_LOG;
      if (adminUrl && logPath) {
        const log = new PgStatementLog(adminUrl, logPath, new URL(url).pathname.slice(1));
        await log.enable();
        try {
          const counts = { big: [] as number[], empty: [] as number[] };
          let statements: string[] = [];
          for (let i = 0; i < 3; i++) {
            const b = await log.count(() => getPage(bigUrl, cookie));
            counts.big.push(b.count);
            statements = b.statements;
            counts.empty.push((await log.count(() => getPage(emptyUrl, cookie))).count);
          }
          perRequest = { big: median(counts.big), empty: median(counts.empty), statements };
        } finally {
          await log.disable();
        }
      }
      const scripts: Record<string, string[]> = {};
      const pages = {
        connections: bigUrl,
        settings: `${next.url}/w/${ws.id}/settings`,
        "settings/secrets": `${next.url}/w/${ws.id}/settings/secrets`,
        "project settings/secrets": `${next.url}/w/${ws.id}/p/${emptyProject!.id}/settings/secrets`,
        "connections/new": `${next.url}/w/${ws.id}/p/${emptyProject!.id}/connections/new`,
      };
      for (const [name, pageUrl] of Object.entries(pages)) {
        const res = await getPage(pageUrl, cookie);
        if (res.status === 200) scripts[name] = scriptSources(res.body);
      }
      result.http = { buildId: build, bigMs: httpBig, emptyMs: httpEmpty, scripts, ...(perRequest ? { perRequest } : {}) };
    } finally {
      next.stop();
    }
  }
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
  await db.$disconnect();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`list worker failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
