// The master key wraps every data key. It comes from MASTER_KEY, or from a key file (0600) that the embedded
// default creates on first start. Without it, literal credentials are unrecoverable: back it up.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

/** Creates the key file with a fresh key when it is missing; never overwrites. Returns true when created. */
export function ensureMasterKeyFile(path: string): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
  return true;
}

export function writeMasterKeyFile(path: string, key: Buffer): void {
  writeFileSync(path, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
}
