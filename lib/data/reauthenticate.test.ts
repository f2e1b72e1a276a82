import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { assertCurrentPassword } from "./reauthenticate";

describe("re-authentication for workflow destination and secret changes", () => {
  it("accepts the user's password and refuses anything else, and API tokens (no user)", async () => {
    const user = await db.user.create({ data: { email: `reauth-${process.pid}@t.local`, name: "R", passwordHash: await hashPassword("the-right-pass-1") } });
    await expect(assertCurrentPassword({ userId: user.id }, "the-right-pass-1")).resolves.toBeUndefined();
    await expect(assertCurrentPassword({ userId: user.id }, "wrong")).rejects.toMatchObject({ code: "VALIDATION", field: "currentPassword" });
    await expect(assertCurrentPassword({ userId: 0 }, "the-right-pass-1")).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
