// Figures 11a–11c alone on PostgreSQL, as `npm run bench` runs them (docs/agent.md, "Figures"), without the rest of
// the bench: a throwaway cluster, a fresh database, the figures in a child process, the table.
// `npx tsx e2e/bench/agent-figures-pg.ts` (BENCH_AGENT_SAMPLES, BENCH_AGENT_CONCURRENT as for agent-figures.ts).
import { randomBytes } from "node:crypto";
import { renderTable } from "./report";

void (async () => {
  const { startPostgresCluster, createDatabase } = await import("@/lib/testing/postgres-cluster");
  const { agentFigureRows } = await import("./agent-figures");
  const cluster = await startPostgresCluster();
  try {
    const notes: string[] = [];
    const env = { DATABASE_URL: await createDatabase(cluster.adminUrl, "keyhold_agent"), MASTER_KEY: randomBytes(32).toString("base64"), LOG_LEVEL: "silent" };
    console.log(renderTable(await agentFigureRows(env, notes)));
    for (const n of notes) console.log(`\n- ${n}`);
  } finally {
    await cluster.stop();
  }
})().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
