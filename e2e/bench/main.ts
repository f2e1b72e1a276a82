// npm run bench — the benchmark of the issue, in one run against the emulators (docs/cache.md "Single flight" and
// "Coalescing"): prints one table and writes it as Markdown to e2e/bench/RESULTS.md. Exits non-zero only when
// a measurement crashed, never for a missed target.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describeMachine, machineInfo, renderMarkdown, renderTable, type Row } from "./report";
import { runWorkflowFigures } from "./workflow-figures";

const dir = mkdtempSync(join(tmpdir(), "keyhold-bench-"));
// Before any lib module reads lib/env (as lib/testing/test-database.ts does for Vitest).
Object.assign(process.env, {
  DATABASE_URL: `file:${join(dir, "bench.db")}`,
  MASTER_KEY: randomBytes(32).toString("base64"),
  LOG_LEVEL: "silent",
  NEXT_TELEMETRY_DISABLED: "1",
});

const step = (msg: string) => console.error(`• ${msg}`);

async function main(): Promise<number> {
  const startedAt = new Date();
  const machine = machineInfo();
  step(`Keyhold benchmark on ${describeMachine(machine)}`);
  const rows: Row[] = [];
  const notes: string[] = [];
  let crashed = 0;
  const guarded = async (id: string, figure: string, run: () => Promise<Row[]>) => {
    try {
      rows.push(...(await run()));
    } catch (err) {
      crashed++;
      const message = err instanceof Error ? err.message : String(err);
      console.error(err);
      rows.push({ id, figure, measured: `ERROR: ${message.split("\n")[0]!.slice(0, 200)}`, baseline: "—", target: "—", verdict: "ERROR" });
    }
  };

  const { startPostgresCluster, createDatabase } = await import("@/lib/testing/postgres-cluster");
  const { migrateDatabase } = await import("@/lib/migrations/migrate-database");
  const { seedWorkspace } = await import("@/lib/testing/seed-actors");
  const { saveProviderConfig } = await import("@/lib/data/provider-configs");
  const { updateEgressPolicy } = await import("@/lib/data/workspace-settings");
  const { createConnection } = await import("@/lib/data/connections");
  const { externalIdFor } = await import("@/lib/secrets/contracts/external-id");
  const { startAwsTestEnv } = await import("@/e2e/emulators/aws/test-harness");
  const { benchAwsFixture, REGION } = await import("./aws-fixture");
  const { runSecretsFigures } = await import("./secrets-figures");
  const { runScaleFigures } = await import("./scale-figures");
  const { runBrowseFigure } = await import("./browse-figure");
  const { runConnectionTestFigure } = await import("./connection-test-figure");
  const { bundleRows, listRows, runListWorker } = await import("./list-figure");
  const pgModule = await import("pg");
  const pg = pgModule.default;

  step("starting a throwaway PostgreSQL 15 cluster");
  const cluster = await startPostgresCluster();
  try {
    step("seeding workspace, AWS configuration and owner (SQLite, data layer)");
    await migrateDatabase(process.env.DATABASE_URL!);
    const seeded = await seedWorkspace();
    const owner = { workspaceId: seeded.ws.id };
    const pgUser = "keyhold_bench_app";
    const pgPassword = randomBytes(18).toString("hex");
    const aws = benchAwsFixture({ externalId: externalIdFor(owner), pgUser, pgPassword });
    await updateEgressPolicy(seeded.wsActor, { mode: "public", allowList: ["127.0.0.1"] });
    await saveProviderConfig(seeded.wsActor, { kind: "aws", settings: { roleArn: aws.roleArn, region: REGION } });
    await (await import("@/lib/testing/reference-policy")).allowAllReferences(seeded.wsActor);

    step(`starting the AWS emulator with ${aws.secretArns.length.toLocaleString("en-US")} secrets`);
    const awsEnv = await startAwsTestEnv(aws.fixture);
    try {
      step("figures 1–3: cache and AWS provider");
      await guarded("1–3", "Secrets cache and AWS provider", () => runSecretsFigures(awsEnv.emulator, aws, owner, notes));
      step("figure 8: secret browser reads");
      await guarded("8", "Secret browser cost", () => runBrowseFigure(awsEnv.emulator, seeded.wsActor));
      step("figure 1e: cold start at scale (1k / 10k / 100k connections)");
      await guarded("1e", "Cold start at scale", () => runScaleFigures(awsEnv.emulator, aws, owner, notes));

      step("figure 10: AWS calls with and without BatchGetSecretValue");
      const { runAwsReadFigures } = await import("./aws-read-figures");
      await guarded("10", "AWS reads with and without BatchGetSecretValue", () => runAwsReadFigures(awsEnv.emulator, aws, owner, notes));

      step("figure 11: rotation without a refresh (2,000 AWS secrets, poll 2 s)");
      const rotation = await import("./rotation-figures");
      await guarded("11 AWS", "Rotation picked up by the metadata poll (AWS)", () => rotation.runAwsRotationFigure(awsEnv.emulator, aws, owner));

      step("figure 4: Test connection ×200");
      await guarded("4", '"Test connection" (PostgreSQL, warm cache)', async () => {
        const port = Number(new URL(cluster.adminUrl).port);
        const admin = new pg.Client({ connectionString: cluster.adminUrl });
        await admin.connect();
        try {
          await admin.query(`CREATE ROLE ${pgUser} LOGIN PASSWORD '${pgPassword}'`);
        } finally {
          await admin.end();
        }
        const actor = seeded.projectActor(seeded.projects[0]!.id);
        const id = await createConnection(actor, {
          name: "Bench PostgreSQL",
          type: "postgres",
          settings: { host: "127.0.0.1", port, database: "postgres", sslMode: "disable" },
          credentials: {
            user: { mode: "set", value: `{{workato:sm:username:${aws.pgSecretArn}}}` },
            password: { mode: "set", value: `{{workato:sm:password:${aws.pgSecretArn}}}` },
          },
        });
        return [await runConnectionTestFigure(actor, id, notes)];
      });

      step("figures 7e–7f: workflow runs end to end (3 HTTP calls, 2 secrets)");
      await guarded("7e", "Workflow runs end to end", async () => {
        const { runWorkflowRunFigures } = await import("./workflow-run-figures");
        return runWorkflowRunFigures(awsEnv.emulator, aws, seeded.projectActor(seeded.projects[0]!.id), notes);
      });
    } finally {
      await awsEnv.stop();
    }

    step("figure 11: rotation without a refresh (Vault, Google, Azure; 50 secrets each)");
    await guarded("11", "Rotation picked up by the metadata poll (Vault, Google, Azure)", async () =>
      (await import("./rotation-figures")).runSmallRotationFigures(),
    );

    step("figure 9: provider calls per step against a failing provider");
    await guarded("9", "Calls per step, failing provider", async () => (await import("./failing-provider-figures")).failingProviderRows(notes));

    step("figure 11: on-prem agent round trips (same instance on PostgreSQL, across two instances, 100 concurrent)");
    await guarded("11", "On-prem agent", async () =>
      (await import("./agent-figures")).agentFigureRows(
        { DATABASE_URL: await createDatabase(cluster.adminUrl, "keyhold_agent"), MASTER_KEY: randomBytes(32).toString("base64"), LOG_LEVEL: "silent" },
        notes,
      ),
    );

    let httpForBundles: Awaited<ReturnType<typeof runListWorker>>["http"] | undefined;
    step("figure 5: connections list on SQLite (10,000 connections)");
    await guarded("5 SQLite", "Connections list on SQLite", async () => {
      const result = await runListWorker("sqlite", {
        DATABASE_URL: `file:${join(dir, "list.db")}`,
        MASTER_KEY: randomBytes(32).toString("base64"),
        BENCH_HTTP: "1",
      });
      httpForBundles = result.http;
      return listRows("SQLite", result, notes);
    });
    step("figure 5: connections list on PostgreSQL (10,000 connections)");
    await guarded("5 PostgreSQL", "Connections list on PostgreSQL", async () => {
      const url = await createDatabase(cluster.adminUrl, "keyhold_bench");
      const result = await runListWorker("postgresql", {
        DATABASE_URL: url,
        MASTER_KEY: randomBytes(32).toString("base64"),
        BENCH_HTTP: "1",
        BENCH_PG_ADMIN_URL: cluster.adminUrl,
        BENCH_PG_LOG: join(dirname(cluster.dataDir), "server.log"),
      });
      if (!httpForBundles || "skipped" in httpForBundles) httpForBundles = result.http;
      return listRows("PostgreSQL", result, notes);
    });

    step("figure 6: first-load JavaScript");
    await guarded("6", "First-load JS", async () => bundleRows(httpForBundles, notes));

    step("figure 7: workflow engine");
    await guarded("7", "Workflow engine", () => runWorkflowFigures(notes));
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const durationS = (Date.now() - startedAt.getTime()) / 1000;
  console.log(`\nKeyhold benchmark — ${describeMachine(machine)} — ${durationS.toFixed(0)} s\n`);
  console.log(renderTable(rows));
  const markdown = renderMarkdown({ rows, machine, notes, startedAt, durationS });
  writeFileSync(join(__dirname, "RESULTS.md"), markdown);
  console.log(`\nNotes and the Markdown table: e2e/bench/RESULTS.md`);
  return crashed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  },
);
