// npm run account:unlock -- <email> — clears an account's failed sign-ins from every client, lifting the
// per-account ceiling and the progressive delays at once (lib/data/login-attempts.ts, docs/threat-model.md).
import { z } from "zod";
import { clearLoginFailures } from "@/lib/data/login-attempts";
import { db } from "@/lib/db";

async function main(): Promise<number> {
  const parsed = z
    .email()
    .max(254)
    .safeParse(process.argv[2] ?? "");
  if (!parsed.success) {
    console.error("Usage: npm run account:unlock -- <email>");
    return 2;
  }
  const cleared = await clearLoginFailures(parsed.data);
  console.log(`Unlocked ${parsed.data.toLowerCase()}: cleared ${cleared} failed sign-in${cleared === 1 ? "" : "s"}.`);
  await db.$disconnect();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`account:unlock failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
