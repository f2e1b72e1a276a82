import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createSession, findSessionUser, markReauthenticated, revokeSessionByToken } from "./sessions";

describe("session re-authentication time", () => {
  it("is set at sign-in, moved by a password confirmation, and never on a revoked session", async () => {
    const user = await db.user.create({ data: { email: `reauth-${process.pid}-${Date.now()}@t.local`, name: "R", passwordHash: "x" } });
    const before = Date.now();
    const { token } = await createSession({ userId: user.id, ttlHours: 1, userAgent: "", clientIp: "" });
    const session = await findSessionUser(token);
    expect(session?.reauthenticatedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const later = new Date(Date.now() + 1000);
    await markReauthenticated(session!.sessionId, later);
    expect((await findSessionUser(token))?.reauthenticatedAt?.getTime()).toBe(later.getTime());

    await revokeSessionByToken(token);
    await markReauthenticated(session!.sessionId, new Date(Date.now() + 5000));
    const row = await db.session.findUniqueOrThrow({ where: { id: session!.sessionId } });
    expect(row.reauthenticatedAt?.getTime()).toBe(later.getTime());
  });
});
