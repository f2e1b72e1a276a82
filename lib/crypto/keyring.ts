import "server-only";
// The process's master key, loaded once from configuration.
import { env } from "@/lib/env";
import { parseMasterKey, readMasterKeyFile } from "./master-key";

let cached: Buffer | undefined;

export function getMasterKey(): Buffer {
  cached ??= env.MASTER_KEY ? parseMasterKey(env.MASTER_KEY, "MASTER_KEY") : readMasterKeyFile(env.MASTER_KEY_FILE);
  return cached;
}
