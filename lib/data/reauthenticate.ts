import "server-only";
// Re-authentication for changes that widen what a workflow's secrets can reach (its allowed hosts, the
// secret mapping): the signed-in user types their password again, so a hijacked session alone cannot
// redirect secrets (docs/workflows.md).
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";

export async function assertCurrentPassword(actor: { userId: number }, password: string): Promise<void> {
  const user = actor.userId ? await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } }) : null;
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    throw new AppError("VALIDATION", "Your password is not correct.", "currentPassword");
  }
}
