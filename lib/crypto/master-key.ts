// The master key wraps every data key. It comes from MASTER_KEY, or from a key file (0600, in a 0700 folder)
// created for an empty database on first start. Without it, literal credentials are unrecoverable: back it up.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { randomBytes } from "node:crypto";

export function parseMasterKey(base64: string, source: string): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32) throw new Error(`${source} must hold base64 of exactly 32 bytes.`);
  return key;
}

export function readMasterKeyFile(path: string): Buffer {
  if (!existsSync(path)) {
    throw new Error(`Master key file ${path} does not exist. Set MASTER_KEY, or run "npm start" once to create it.`);
  }
  return parseMasterKey(readFileSync(path, "utf8"), `Master key file ${path}`);
}

export type KeyFileState = { state: "missing" } | { state: "malformed" } | { state: "ok"; key: Buffer; mode: number };

/** What start finds at the key file, without throwing: start turns each state into its own message. */
export function inspectMasterKeyFile(path: string): KeyFileState {
  if (!existsSync(path)) return { state: "missing" };
  try {
    return { state: "ok", key: parseMasterKey(readFileSync(path, "utf8"), path), mode: statSync(path).mode & 0o777 };
  } catch {
    return { state: "malformed" };
  }
}

/** Creates the key file with a fresh key when it is missing; never overwrites. Returns true when created. */
export function ensureMasterKeyFile(path: string): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
  return true;
}

export function writeMasterKeyFile(path: string, key: Buffer): void {
  writeFileSync(path, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
}
