// Issue 13 item 1, through the real launchers: start:prod's first step (lib/cli/migrate.ts) and npm start
// (lib/cli/start-embedded.ts) on a database of their own. A refusal must come before npm start launches the
// emulators or writes anything.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { createClient } from "@libsql/client";
import { generateDataKey, wrapDataKey } from "@/lib/crypto/envelope";
import { readMasterKeyFile } from "@/lib/crypto/master-key";

const ROOT = resolve(__dirname, "../..");
const dir = join(mkdtempSync(join(tmpdir(), "keyhold-cli-")), "data");
const dbFile = join(dir, "keyhold.db");
const keyFile = join(dir, "master.key");

function run(script: string): { status: number | null; out: string } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${dbFile}`, MASTER_KEY_FILE: keyFile, LOG_LEVEL: "silent", PORT: "1" };
  delete childEnv.MASTER_KEY;
  const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", script], {
    cwd: ROOT,
    env: childEnv,
    encoding: "utf8",
    timeout: 90_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A connection with a data key wrapped by `key`, written the way the data layer stores it. */
async function populate(key: Buffer): Promise<void> {
  const client = createClient({ url: `file:${dbFile}` });
  const now = new Date().toISOString();
  await client.execute({ sql: `INSERT INTO "Workspace" ("name", "egressAllowList", "updatedAt") VALUES ('W', '[]', ?)`, args: [now] });
  await client.execute({ sql: `INSERT INTO "Project" ("workspaceId", "name", "updatedAt") VALUES (1, 'P', ?)`, args: [now] });
  await client.execute({
    sql: `INSERT INTO "Connection" ("workspaceId", "projectId", "name", "type", "settings", "wrappedDataKey", "updatedAt") VALUES (1, 1, 'C', 'postgres', '{}', ?, ?)`,
    args: [wrapDataKey(generateDataKey(), key), now],
  });
  client.close();
}

describe("the launchers and the master key", () => {
  it("start:prod's migrate step creates an owner-only data folder, database and key for an empty database", () => {
    const first = run("lib/cli/migrate.ts");
    expect(first.out).toContain(`Created master key ${keyFile} (0600)`);
    expect(first.status).toBe(0);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(dbFile).mode & 0o777).toBe(0o600);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it("refuses a populated database once the key file is moved away (start:prod and npm start), and creates no key", async () => {
    await populate(readMasterKeyFile(keyFile));
    renameSync(keyFile, `${keyFile}.backup`);
    for (const script of ["lib/cli/migrate.ts", "lib/cli/start-embedded.ts"]) {
      const r = run(script);
      expect(r.status, r.out).toBe(1);
      expect(r.out).toContain(`the master key file ${keyFile} is missing, but the database ${dbFile} holds encrypted credentials`);
      expect(r.out).toContain(`Restore the key that wrote this database from your backup to ${keyFile}`);
      expect(r.out).not.toMatch(/emulator/i);
      expect(existsSync(keyFile)).toBe(false);
    }
  });

  it("refuses a malformed key and another key", () => {
    writeFileSync(keyFile, "half-a-key==\n", { mode: 0o600 });
    const malformed = run("lib/cli/migrate.ts");
    expect(malformed.status).toBe(1);
    expect(malformed.out).toContain(`the master key file ${keyFile} is malformed`);
    writeFileSync(keyFile, randomBytes(32).toString("base64"), { mode: 0o600 });
    const other = run("lib/cli/migrate.ts");
    expect(other.status).toBe(1);
    expect(other.out).toMatch(new RegExp(`the key in master key file ${keyFile} \\(key id [0-9a-f]{16}\\) is not the master key of the database`));
    renameSync(`${keyFile}.backup`, keyFile);
    expect(run("lib/cli/migrate.ts").status).toBe(0);
  });
});
