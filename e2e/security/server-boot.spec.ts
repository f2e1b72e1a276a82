// Issue 13 item 1, at the server itself: the entry (lib/cli/server.ts) on a database whose master key is not
// the configured one stops at boot with the message, and never listens, let alone reports ready.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test } from "../fixtures";
import { E2E_PORT } from "../support/e2e-env";

const ROOT = resolve(__dirname, "../..");

test("the server refuses to boot with another master key and never reports ready", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "keyhold-boot-"));
  const port = E2E_PORT + 9;
  const keyFile = join(dir, "master.key");
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${join(dir, "keyhold.db")}`, MASTER_KEY_FILE: keyFile, PORT: String(port), LOG_LEVEL: "warn" };
  delete env.MASTER_KEY;
  execFileSync(join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/cli/migrate.ts"], { cwd: ROOT, env, stdio: "ignore" });
  writeFileSync(keyFile, randomBytes(32).toString("base64"), { mode: 0o600 });

  const server = spawn(join(ROOT, "node_modules/.bin/tsx"), ["lib/cli/server.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (b: Buffer) => (output += b.toString()));
  server.stderr.on("data", (b: Buffer) => (output += b.toString()));
  const readyAnswers: number[] = [];
  const poll = setInterval(() => {
    fetch(`http://127.0.0.1:${port}/api/ready`).then((r) => readyAnswers.push(r.status), () => undefined);
  }, 250);
  const code = await new Promise<number | null>((done) => server.on("exit", done));
  clearInterval(poll);
  expect(code).toBe(1);
  expect(output).toContain(`Refusing to start: the key in master key file ${keyFile}`);
  expect(output).toContain("Restore the key that wrote this database from your backup");
  expect(readyAnswers.filter((s) => s === 200)).toEqual([]);
});
