// Issue 13 item 3, password policy: common and trivially repetitive passwords are refused with a clear message
// wherever a password is set (first-owner setup, password change); good passphrases pass.
import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS, passwordProblem } from "@/lib/auth/password-policy";
import { changePasswordSchema } from "@/lib/validations/auth";
import { setupSchema } from "@/lib/validations/setup";

const REFUSED = [
  "password1234",
  "P@ssw0rd2024!",
  "Password123!",
  "qwertyuiop12",
  "1q2w3e4r5t6y",
  "aaaaaaaaaaaa",
  "abcabcabcabc",
  "abcdefghijkl",
  "123456789012",
  "zyxwvutsrqpo",
  "letmein12345",
  "adminpassword",
  "Welcome2025!",
  "!!!!!!!!!!!!",
];
const ACCEPTED = ["correct horse battery staple", "violet-tangent-orbit-52", "Kx9#mPq2vL8zR", "my cat eats blue tuesdays"];

describe("password policy", () => {
  it("ships a generated list of a few hundred to a few thousand common passwords", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(300);
    expect(COMMON_PASSWORDS.has("password123")).toBe(true);
  });

  it.each(REFUSED)("refuses %s", (pw) => {
    expect(passwordProblem(pw)).toMatch(/too easy to guess|too repetitive/);
  });

  it.each(ACCEPTED)("accepts %s", (pw) => {
    expect(passwordProblem(pw, "ada@example.com")).toBeNull();
  });

  it("refuses a password containing the email's name", () => {
    expect(passwordProblem("ada.lovelace-rocks", "ada.lovelace@example.com")).toMatch(/email address or name/);
  });

  it("is enforced by the first-owner setup form, with the email rule", () => {
    const base = { token: "t", name: "Ada", email: "ada.lovelace@example.com", workspaceName: "W" };
    const common = setupSchema.safeParse({ ...base, password: "Password123!", confirmPassword: "Password123!" });
    expect(common.success).toBe(false);
    expect(JSON.stringify(common.error?.issues)).toMatch(/too easy to guess/);
    const own = setupSchema.safeParse({ ...base, password: "ada.lovelace-rocks", confirmPassword: "ada.lovelace-rocks" });
    expect(JSON.stringify(own.error?.issues)).toMatch(/email address or name/);
    expect(setupSchema.safeParse({ ...base, password: "violet-tangent-orbit-52", confirmPassword: "violet-tangent-orbit-52" }).success).toBe(true);
  });

  it("refuses the account's email name on password change, before checking the current password", async () => {
    const { changePasswordThrottled } = await import("@/lib/auth/sign-in");
    const { mintActor } = await import("@/lib/auth/actor");
    const actor = mintActor.user({ userId: 1, email: "grace.hopper@example.com" });
    await expect(
      changePasswordThrottled(actor, "192.0.2.1", { currentPassword: "x", newPassword: "grace.hopper-2026", keepSessionId: "s" }),
    ).rejects.toMatchObject({ field: "newPassword", message: expect.stringMatching(/email address or name/) });
  });

  it("is enforced by the password change form", () => {
    const r = changePasswordSchema.safeParse({ currentPassword: "old one", newPassword: "aaaaaaaaaaaa", confirmPassword: "aaaaaaaaaaaa" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["newPassword"], message: expect.stringMatching(/too repetitive/) });
  });
});
