// The server entry (lib/cli/server.ts) as an operator meets it: on a database whose master key is not the
// configured one it stops at boot with the message and never reports ready (issue 13 item 1); a SIGTERM
// stops it and everything it started (no orphan next-server).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test } from "../fixtures";
import { E2E_PORT } from "../support/e2e-env";

const ROOT = resolve(__dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");

/** A migrated database with its own key file, on a port of this run's; the entry is not started yet. */
function serverSetup(portOffset: number) {
  const dir = mkdtempSync(join(tmpdir(), "keyhold-boot-"));
  const keyFile = join(dir, "master.key");
  const port = E2E_PORT + portOffset;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${join(dir, "keyhold.db")}`,
    MASTER_KEY_FILE: keyFile,
    PORT: String(port),
    LOG_LEVEL: "warn",
    // A production start requires our AWS account (lib/env.ts); these tests are about the key and signals.
    PLATFORM_AWS_ACCOUNT_ID: "111122223333",
  };
  delete env.MASTER_KEY;
  execFileSync(TSX, ["--conditions=react-server", "lib/cli/migrate.ts"], { cwd: ROOT, env, stdio: "ignore" });
  return { keyFile, port, env };
}

function startEntry(env: NodeJS.ProcessEnv): { server: ChildProcess; output: () => string; exited: Promise<number | null> } {
  // Its own process group, so the test can tell whether anything it started outlives it.
  const server = spawn(TSX, ["lib/cli/server.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  server.stdout!.on("data", (b: Buffer) => (output += b.toString()));
  server.stderr!.on("data", (b: Buffer) => (output += b.toString()));
  return { server, output: () => output, exited: new Promise((done) => server.on("exit", done)) };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

test("the server refuses to boot with another master key and never reports ready", async () => {
  test.setTimeout(120_000);
  const { keyFile, port, env } = serverSetup(9);
  writeFileSync(keyFile, randomBytes(32).toString("base64"), { mode: 0o600 });
  const { output, exited } = startEntry(env);
  const readyAnswers: number[] = [];
  const poll = setInterval(() => {
    fetch(`http://127.0.0.1:${port}/api/ready`).then(
      (r) => readyAnswers.push(r.status),
      () => undefined,
    );
  }, 250);
  const code = await exited;
  clearInterval(poll);
  expect(code).toBe(1);
  expect(output()).toContain(`Refusing to start: the key in master key file ${keyFile}`);
  expect(output()).toContain("Restore the key that wrote this database from your backup");
  expect(readyAnswers.filter((s) => s === 200)).toEqual([]);
});

test("SIGTERM stops the server and every process it started", async () => {
  test.setTimeout(120_000);
  const { port, env } = serverSetup(10);
  const { server, output, exited } = startEntry(env);
  await expect
    .poll(
      () =>
        fetch(`http://127.0.0.1:${port}/api/ready`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 60_000 },
    )
    .toBe(200);
  server.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(output()).toContain("SIGTERM: closing the server.");
  await expect.poll(() => groupAlive(server.pid!), { timeout: 10_000 }).toBe(false);
  await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
});
