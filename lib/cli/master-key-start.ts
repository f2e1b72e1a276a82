// The master-key step of every launcher (npm start, start:prod, db:migrate): run after migrations, before
// anything reads or writes encrypted data. A refusal ends the process with its message and exit code 1.
import { env } from "@/lib/env";
import { guardMasterKey, MasterKeyRefusal } from "@/lib/services/master-key-guard";

export async function checkMasterKeyOrExit(options: { create: boolean }): Promise<void> {
  try {
    const result = await guardMasterKey(options);
    for (const warning of result.warnings) console.warn(`Warning: ${warning}`);
    if (result.created) {
      console.log(`Created master key ${env.MASTER_KEY_FILE} (0600) for the new database. Back it up: without it, stored literal credentials are lost.`);
    }
  } catch (err) {
    if (!(err instanceof MasterKeyRefusal)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}
