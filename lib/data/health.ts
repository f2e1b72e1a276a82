import "server-only";
import { db } from "@/lib/db";

export async function checkDatabase(): Promise<void> {
  await db.workspace.findFirst({ select: { id: true } });
}
