// npm run audit:verify [-- --workspace <id>] — walks every workspace's audit hash chain (docs/threat-model.md),
// prints progress and the first broken link, stores each result (shown on the audit page), exits 1 on a break.
import { chainedWorkspaceIds, verifyAuditChain } from "@/lib/data/audit-chain";
import { db } from "@/lib/db";
import { terminalProgress } from "./progress";

function requestedWorkspace(argv: string[]): number | null {
  const i = argv.indexOf("--workspace");
  if (i === -1) return null;
  const id = Number.parseInt(argv[i + 1] ?? "", 10);
  if (!Number.isSafeInteger(id) || id < 1) throw new Error("--workspace needs a workspace id (a positive whole number).");
  return id;
}

async function main(): Promise<number> {
  const only = requestedWorkspace(process.argv.slice(2));
  const ids = only === null ? await chainedWorkspaceIds() : [only];
  let failures = 0;
  for (const id of ids) {
    const progress = terminalProgress(`workspace ${id}: events`);
    const result = await verifyAuditChain(id, (n, total) => progress.update(n, total));
    progress.finish();
    const pre = result.preChain > 0 ? ` (${result.preChain} older events predate the chain and are not verified)` : "";
    if (result.ok) console.log(`workspace ${id}: OK, ${result.events} events${pre}`);
    else {
      failures++;
      console.log(`workspace ${id}: BROKEN after ${result.events} good events: ${result.message}`);
    }
  }
  console.log(failures === 0 ? `Audit chain intact in ${ids.length} workspace(s).` : `Audit chain broken in ${failures} workspace(s).`);
  await db.$disconnect();
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`audit:verify failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
