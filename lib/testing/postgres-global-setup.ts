// Vitest globalSetup for vitest.postgres.config.mts: one throwaway PostgreSQL cluster for the whole run; each
// test file then gets its own database in it (postgres-test-database.ts).
import type { TestProject } from "vitest/node";
import { startPostgresCluster } from "./postgres-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    postgres: { adminUrl: string; dataDir: string };
  }
}

export default async function setup(project: TestProject) {
  const startedAt = Date.now();
  const cluster = await startPostgresCluster();
  console.log(`PostgreSQL 15 test cluster on ${new URL(cluster.adminUrl).host} (pid ${cluster.pid}), started in ${Date.now() - startedAt} ms`);
  project.provide("postgres", { adminUrl: cluster.adminUrl, dataDir: cluster.dataDir });
  return () => cluster.stop();
}
