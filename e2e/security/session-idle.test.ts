// Issue 13 item 4: a session ends after SESSION_IDLE_MINUTES without a request (default 30), next to its absolute
// lifetime; activity is written at most once a minute, not on every request.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { createSession, findSessionUser, SESSION_TOUCH_MS } from "@/lib/data/sessions";

const MINUTE = 60_000;

async function signedIn() {
  const user = await db.user.create({ data: { email: `idle-${process.pid}-${Date.now()}-${Math.random()}@t.local`, name: "I", passwordHash: "x" } });
  const { token } = await createSession({ userId: user.id, ttlHours: 12, userAgent: "", clientIp: "" });
  const row = await db.session.findFirstOrThrow({ where: { userId: user.id } });
  return { token, id: row.id, start: row.lastSeenAt.getTime() };
}

describe("session idle timeout", () => {
  it("rejects a session idle for longer than the idle limit, and revokes it", async () => {
    const { token, id, start } = await signedIn();
    const idle = { idleMs: 30 * MINUTE };
    expect(await findSessionUser(token, { ...idle, now: new Date(start + 29 * MINUTE) })).not.toBeNull();
    // That request counted as activity: 29 minutes later the session is still alive...
    expect(await findSessionUser(token, { ...idle, now: new Date(start + 58 * MINUTE) })).not.toBeNull();
    // ...and after 31 idle minutes it is not, nor afterwards.
    expect(await findSessionUser(token, { ...idle, now: new Date(start + 89 * MINUTE) })).toBeNull();
    expect(await findSessionUser(token, { ...idle, now: new Date(start + 89 * MINUTE + 1000) })).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull();
  });

  it("still ends at the absolute lifetime, however active", async () => {
    const { token, id } = await signedIn();
    const { expiresAt } = await db.session.findUniqueOrThrow({ where: { id } });
    await db.session.update({ where: { id }, data: { lastSeenAt: new Date(expiresAt.getTime() - MINUTE) } });
    expect(await findSessionUser(token, { idleMs: 30 * MINUTE, now: new Date(expiresAt.getTime() + 1000) })).toBeNull();
  });

  it("writes activity at most once a minute", async () => {
    const { token, id, start } = await signedIn();
    await findSessionUser(token, { idleMs: 30 * MINUTE, now: new Date(start + SESSION_TOUCH_MS / 2) });
    expect((await db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime()).toBe(start);
    await findSessionUser(token, { idleMs: 30 * MINUTE, now: new Date(start + SESSION_TOUCH_MS + 1) });
    expect((await db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime()).toBe(start + SESSION_TOUCH_MS + 1);
  });

  it("is configured by SESSION_IDLE_MINUTES, 30 by default", () => {
    expect(parseEnv({}).SESSION_IDLE_MINUTES).toBe(30);
    expect(parseEnv({ SESSION_IDLE_MINUTES: "15" }).SESSION_IDLE_MINUTES).toBe(15);
    expect(() => parseEnv({ SESSION_IDLE_MINUTES: "1" })).toThrow(/SESSION_IDLE_MINUTES/);
  });
});
