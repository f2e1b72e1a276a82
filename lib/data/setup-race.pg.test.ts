// Two setups at the same moment on PostgreSQL (two tabs, two instances). A trigger slows every user insert
// down, so each transaction's "no account exists" check runs before any other commits: only the Serializable
// transaction in createFirstOwner keeps this to one owner (at READ COMMITTED all eight would commit).
import { describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import type { SetupGrant } from "@/lib/auth/setup-token";
import { createFirstOwner } from "./setup";

describe("first owner setup racing on PostgreSQL", () => {
  it("lets exactly one of eight concurrent setups commit", async () => {
    const admin = new pg.Client({ connectionString: env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE FUNCTION slow_user_insert() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(0.3); RETURN NEW; END $$ LANGUAGE plpgsql`);
    await admin.query(`CREATE TRIGGER slow_user_insert BEFORE INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION slow_user_insert()`);
    await admin.end();

    const passwordHash = await hashPassword("first-owner-password-1");
    const attempts = Array.from({ length: 8 }, (_, i) =>
      createFirstOwner({} as SetupGrant, { email: `racer${i}@acme.example`, name: `Racer ${i}`, passwordHash, workspaceName: `Acme ${i}` }),
    );
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already set up") });
    }
    expect(await db.user.count()).toBe(1);
    expect(await db.workspace.count()).toBe(1);
    expect(await db.workspaceMembership.count()).toBe(1);
  });
});
