// npm run key:rotate — re-wraps every data key under a new master key in one transaction.
// With a key file: the new key is written beside it first (<file>.new), the database is re-wrapped, then the
// files are swapped and the old key kept as <file>.previous. If anything fails before the swap, the old key
// still opens everything. With MASTER_KEY in the environment: the new key is printed for you to deploy.
import { randomBytes } from "node:crypto";
import { existsSync, renameSync, rmSync } from "node:fs";
import { env } from "@/lib/env";
import { parseMasterKey, readMasterKeyFile, writeMasterKeyFile } from "@/lib/crypto/master-key";
import { rewrapAllDataKeys } from "@/lib/data/key-rotation";
import { db } from "@/lib/db";
import { terminalProgress } from "./progress";

async function main() {
  const fromEnv = Boolean(env.MASTER_KEY);
  const oldKey = fromEnv ? parseMasterKey(env.MASTER_KEY!, "MASTER_KEY") : readMasterKeyFile(env.MASTER_KEY_FILE);
  const newKey = randomBytes(32);
  const pending = `${env.MASTER_KEY_FILE}.new`;
  if (!fromEnv) {
    if (existsSync(pending)) rmSync(pending);
    writeMasterKeyFile(pending, newKey);
  }
  const progress = terminalProgress("Re-wrapping data keys");
  const counts = await rewrapAllDataKeys(oldKey, newKey, (done, total) => progress.update(done, total));
  progress.finish();
  if (fromEnv) {
    console.log(`Re-wrapped ${counts.connections} connection keys and ${counts.providerConfigs} provider keys.`);
    console.log(`Set MASTER_KEY to the new key on every instance now, and back it up:\n\n  ${newKey.toString("base64")}\n`);
  } else {
    renameSync(env.MASTER_KEY_FILE, `${env.MASTER_KEY_FILE}.previous`);
    renameSync(pending, env.MASTER_KEY_FILE);
    console.log(`Re-wrapped ${counts.connections} connection keys and ${counts.providerConfigs} provider keys.`);
    console.log(`New master key in ${env.MASTER_KEY_FILE} (old one kept as ${env.MASTER_KEY_FILE}.previous). Back up the new file.`);
  }
  await db.$disconnect();
}

main().catch((err) => {
  console.error(`Rotation failed, nothing changed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
