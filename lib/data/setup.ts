import "server-only";
// The first owner and workspace of an empty database (lib/auth/setup-token.ts says who may ask). Both are created
// in one transaction that first checks that no account exists, at Serializable isolation: two setups racing
// (two browser tabs, two instances) cannot both see an empty user table and both commit. On PostgreSQL the
// loser gets a serialization failure; on SQLite writers are serialized anyway. Either way it is "already set up".
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SetupGrant } from "@/lib/auth/setup-token";
import { recordAudit } from "./audit";

export async function hasAnyUser(): Promise<boolean> {
  return (await db.user.findFirst({ select: { id: true } })) !== null;
}

export interface FirstOwnerInput {
  email: string;
  name: string;
  /** Hashed by the caller first, so the transaction stays short. */
  passwordHash: string;
  workspaceName: string;
}

const alreadySetUp = () => new AppError("CONFLICT", "Keyhold is already set up. Sign in instead, or ask an owner for an account.");

/**
 * P2034: write conflict or serialization failure; P2002: the other setup used the same email first. The audit
 * chain's upsert (lib/data/audit-chain.ts) can meet the conflict first, and Prisma hands that one through as the
 * driver adapter's own error (SQLSTATE 40001); its raw event statement on PostgreSQL, as P2010 carrying it.
 */
function lostTheRace(err: unknown): boolean {
  type Cause = { kind?: unknown; originalCode?: unknown };
  const e = err as { code?: unknown; cause?: Cause; meta?: { driverAdapterError?: { cause?: Cause } } } | null;
  const conflict = (c: Cause | undefined) => c?.kind === "TransactionWriteConflict" || c?.originalCode === "40001";
  return e?.code === "P2034" || e?.code === "P2002" || conflict(e?.cause) || (e?.code === "P2010" && conflict(e.meta?.driverAdapterError?.cause));
}

export async function createFirstOwner(_grant: SetupGrant, input: FirstOwnerInput): Promise<{ userId: number; workspaceId: number }> {
  const { passwordHash } = input;
  const email = input.email.toLowerCase();
  try {
    return await db.$transaction(
      async (tx) => {
        if (await tx.user.findFirst({ select: { id: true } })) throw alreadySetUp();
        const user = await tx.user.create({ data: { email, name: input.name, passwordHash }, select: { id: true } });
        const workspace = await tx.workspace.create({ data: { name: input.workspaceName, egressAllowList: [] }, select: { id: true } });
        await tx.workspaceMembership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "owner" } });
        const by = { workspaceId: workspace.id, actorUserId: user.id, actorLabel: email };
        await recordAudit({ ...by, action: "setup.completed", targetType: "user", targetId: user.id, detail: { email, workspaceRole: "owner" } }, tx);
        await recordAudit(
          { ...by, action: "workspace.created", targetType: "workspace", targetId: workspace.id, detail: { name: input.workspaceName, via: "setup" } },
          tx,
        );
        return { userId: user.id, workspaceId: workspace.id };
      },
      { isolationLevel: "Serializable" },
    );
  } catch (err) {
    if (lostTheRace(err)) throw alreadySetUp();
    throw err;
  }
}
