// Issue 13 item 1, in process: the master-key check every start runs (lib/crypto/master-key-guard.ts), the
// readiness probe, and rotation's check value. The launchers' wiring is proven in master-key-cli.test.ts.
import { startCacheListener } from "@/lib/services/secrets/cache-control";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, renameSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { generateDataKey, wrapDataKey } from "@/lib/crypto/envelope";
import { computeKeyCheck, keyMatchesCheck } from "@/lib/crypto/key-check";
import { guardMasterKey, MasterKeyRefusal } from "@/lib/services/master-key-guard";
import { readMasterKeyFile } from "@/lib/crypto/master-key";
import { readKeyCheck, saveKeyCheck } from "@/lib/data/master-key-check";
import { rewrapAllDataKeys } from "@/lib/data/key-rotation";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { GET as readyRoute } from "@/app/api/ready/route";
import { runQueue } from "@/lib/services/workflows/queue";

const envKey = env.MASTER_KEY;
let keyFile: string;

async function populate(key: Buffer): Promise<void> {
  const { ws, projects } = await seedWorkspace();
  await db.connection.create({
    data: {
      workspaceId: ws.id,
      projectId: projects[0]!.id,
      name: `pg ${randomBytes(4).toString("hex")}`,
      type: "postgres",
      settings: {},
      wrappedDataKey: wrapDataKey(generateDataKey(), key),
    },
  });
}

const refusal = (pattern: RegExp) => expect.objectContaining({ name: "MasterKeyRefusal", message: expect.stringMatching(pattern) });

beforeEach(async () => {
  await db.masterKeyCheck.deleteMany();
  await db.connection.deleteMany();
  env.MASTER_KEY = undefined;
  keyFile = join(mkdtempSync(join(tmpdir(), "keyhold-key-")), "data", "master.key");
  env.MASTER_KEY_FILE = keyFile;
});

afterAll(() => {
  env.MASTER_KEY = envKey;
});

describe("master key at start", () => {
  it("generates a key only for an empty database, in an owner-only file and folder, and records its check value", async () => {
    await expect(guardMasterKey({ create: true })).resolves.toEqual({ created: true, warnings: [] });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(keyFile, "..")).mode & 0o777).toBe(0o700);
    const key = readMasterKeyFile(keyFile);
    expect(await readKeyCheck()).toEqual(computeKeyCheck(key));
    await expect(guardMasterKey({ create: true })).resolves.toEqual({ created: false, warnings: [] });
  });

  it("refuses a populated database whose key file was moved away, naming the file and the fix, and creates no key", async () => {
    await guardMasterKey({ create: true });
    await populate(readMasterKeyFile(keyFile));
    renameSync(keyFile, `${keyFile}.moved`);
    const attempt = guardMasterKey({ create: true });
    await expect(attempt).rejects.toBeInstanceOf(MasterKeyRefusal);
    await expect(guardMasterKey({ create: true })).rejects.toEqual(refusal(new RegExp(`master key file ${keyFile} is missing.*Restore the key`)));
    expect(existsSync(keyFile)).toBe(false);
  });

  it("refuses a missing key even before anything is encrypted once a key was recorded", async () => {
    await guardMasterKey({ create: true });
    renameSync(keyFile, `${keyFile}.moved`);
    await expect(guardMasterKey({ create: true })).rejects.toEqual(refusal(/is missing/));
  });

  it("refuses a malformed key file without replacing it", async () => {
    await guardMasterKey({ create: true });
    await populate(readMasterKeyFile(keyFile));
    writeFileSync(keyFile, "not-a-key\n");
    await expect(guardMasterKey({ create: true })).rejects.toEqual(refusal(new RegExp(`${keyFile} is malformed.*Restore`)));
    expect(statSync(keyFile).size).toBe("not-a-key\n".length);
  });

  it("refuses another key, naming both key ids", async () => {
    await guardMasterKey({ create: true });
    const right = readMasterKeyFile(keyFile);
    await populate(right);
    const other = randomBytes(32);
    writeFileSync(keyFile, other.toString("base64"));
    const ids = `key id ${computeKeyCheck(other).keyId}.*key id ${computeKeyCheck(right).keyId}`;
    await expect(guardMasterKey({ create: true })).rejects.toEqual(refusal(new RegExp(`${keyFile} \\(${ids}`)));
  });

  it("judges a database written before check values by one of its data keys, then records the check value", async () => {
    const right = randomBytes(32);
    await populate(right);
    env.MASTER_KEY = randomBytes(32).toString("base64");
    await expect(guardMasterKey({ create: false })).rejects.toEqual(refusal(/key in MASTER_KEY .* is not the master key/));
    expect(await readKeyCheck()).toBeNull();
    env.MASTER_KEY = right.toString("base64");
    await guardMasterKey({ create: false });
    expect(await readKeyCheck()).toEqual(computeKeyCheck(right));
  });

  it("lets instances that start at once with the same key all record and pass the check", async () => {
    const key = randomBytes(32);
    env.MASTER_KEY = key.toString("base64");
    const results = await Promise.all([1, 2, 3].map(() => guardMasterKey({ create: false })));
    expect(results).toEqual([1, 2, 3].map(() => ({ created: false, warnings: [] })));
    expect(await readKeyCheck()).toEqual(computeKeyCheck(key));
  });

  it("without permission to create, refuses an empty database with no key at all", async () => {
    await expect(guardMasterKey({ create: false })).rejects.toEqual(refusal(/no master key/));
    expect(existsSync(keyFile)).toBe(false);
  });

  it("warns when the key file is readable by other users", async () => {
    await guardMasterKey({ create: true });
    chmodSync(keyFile, 0o644);
    const { warnings } = await guardMasterKey({ create: true });
    expect(warnings).toEqual([`The master key file ${keyFile} is readable by other users (mode 0644): run "chmod 600 ${keyFile}".`]);
  });
});

const ready = () => readyRoute(new Request("http://localhost/api/ready"), { params: Promise.resolve({}) });

describe("/api/ready", () => {
  // Readiness also wants this instance's run queue running and (on PostgreSQL) its cache bus listening, as
  // instrumentation.ts starts them.
  beforeAll(async () => {
    runQueue();
    await startCacheListener();
  });
  afterAll(() => runQueue().stop());

  it("is never ready while the configured key is not the database's", async () => {
    env.MASTER_KEY = envKey;
    await saveKeyCheck(computeKeyCheck(randomBytes(32)));
    expect((await ready()).status).toBe(503);
    await db.masterKeyCheck.deleteMany();
    expect((await ready()).status).toBe(503);
    await saveKeyCheck(computeKeyCheck(Buffer.from(envKey!, "base64")));
    expect(await (await ready()).json()).toMatchObject({ status: "ready", checks: { masterKey: { ok: true, state: "matches" } } });
  });
});

describe("npm run key:rotate", () => {
  it("replaces the check value in the rotation's transaction, and refuses to rotate from a key that is not the database's", async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    await populate(oldKey);
    await saveKeyCheck(computeKeyCheck(oldKey));
    await expect(rewrapAllDataKeys(randomBytes(32), newKey)).rejects.toThrow(/not this database's/);
    expect(keyMatchesCheck(oldKey, (await readKeyCheck())!)).toBe(true);
    await rewrapAllDataKeys(oldKey, newKey);
    expect(keyMatchesCheck(newKey, (await readKeyCheck())!)).toBe(true);
  });
});
