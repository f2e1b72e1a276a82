import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdtempSync, statSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DecryptionError, decryptValue, encryptValue, generateDataKey, unwrapDataKey, wrapDataKey } from "./envelope";
import { ensureMasterKeyFile, readMasterKeyFile } from "./master-key";

const CANARY = "canary-pw-7f3a9c";

describe("envelope encryption", () => {
  const master = randomBytes(32);

  it("round-trips a value through a wrapped data key", () => {
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(dataKey, master);
    const enc = encryptValue(CANARY, dataKey, "connection:1:password");
    expect(Buffer.from(enc.ciphertext).toString("utf8")).not.toContain(CANARY);
    expect(Buffer.from(wrapped).includes(dataKey)).toBe(false);
    const again = unwrapDataKey(wrapped, master);
    expect(decryptValue(enc, again, "connection:1:password")).toBe(CANARY);
  });

  it("uses a fresh IV each time", () => {
    const dataKey = generateDataKey();
    const a = encryptValue(CANARY, dataKey, "c");
    const b = encryptValue(CANARY, dataKey, "c");
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.ciphertext).equals(Buffer.from(b.ciphertext))).toBe(false);
  });

  it("fails on tampered ciphertext, tag, or a value moved to another field", () => {
    const dataKey = generateDataKey();
    const enc = encryptValue(CANARY, dataKey, "connection:1:password");
    const flipped = Uint8Array.from(enc.ciphertext);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptValue({ ...enc, ciphertext: flipped }, dataKey, "connection:1:password")).toThrow(DecryptionError);
    const badTag = Uint8Array.from(enc.tag);
    badTag[3] = (badTag[3] ?? 0) ^ 1;
    expect(() => decryptValue({ ...enc, tag: badTag }, dataKey, "connection:1:password")).toThrow(DecryptionError);
    expect(() => decryptValue(enc, dataKey, "connection:2:password")).toThrow(DecryptionError);
  });

  it("fails on a tampered wrapped key and on the wrong master key", () => {
    const wrapped = wrapDataKey(generateDataKey(), master);
    const tampered = Uint8Array.from(wrapped);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => unwrapDataKey(tampered, master)).toThrow(/failed authentication/);
    expect(() => unwrapDataKey(wrapped, randomBytes(32))).toThrow(/different master key/);
  });

  it("keeps values readable after re-wrapping under a new master key", () => {
    const dataKey = generateDataKey();
    const enc = encryptValue(CANARY, dataKey, "ctx");
    const wrappedOld = wrapDataKey(dataKey, master);
    const newMaster = randomBytes(32);
    const wrappedNew = wrapDataKey(unwrapDataKey(wrappedOld, master), newMaster);
    expect(decryptValue(enc, unwrapDataKey(wrappedNew, newMaster), "ctx")).toBe(CANARY);
    expect(() => unwrapDataKey(wrappedNew, master)).toThrow(DecryptionError);
  });
});

describe("master key file", () => {
  it("is created once with 0600 permissions and never overwritten", () => {
    const path = join(mkdtempSync(join(tmpdir(), "kh-key-")), "sub", "master.key");
    expect(ensureMasterKeyFile(path)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const first = readFileSync(path, "utf8");
    expect(ensureMasterKeyFile(path)).toBe(false);
    expect(readFileSync(path, "utf8")).toBe(first);
    expect(readMasterKeyFile(path)).toHaveLength(32);
  });

  it("names the file when it is missing", () => {
    expect(() => readMasterKeyFile("/nonexistent/master.key")).toThrow(/\/nonexistent\/master.key does not exist/);
  });
});
