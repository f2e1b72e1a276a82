import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { SecretsError, type SecretsErrorCategory, type SecretsErrorCode } from "@/lib/secrets/errors";
import { PROBLEM_TYPES, problemFromError } from "./problem";

const INSTANCE = "/api/v1/things/1";

async function answer(err: unknown) {
  const res = problemFromError(err, INSTANCE);
  return { status: res.status, headers: Object.fromEntries(res.headers), body: (await res.json()) as Record<string, unknown> };
}

describe("problem map", () => {
  it.each<[AppErrorCode, number, string]>([
    ["UNAUTHENTICATED", 401, PROBLEM_TYPES.authentication],
    ["FORBIDDEN", 403, PROBLEM_TYPES.authorization],
    ["PASSWORD_CHANGE_REQUIRED", 403, PROBLEM_TYPES.authorization],
    ["REAUTH_REQUIRED", 403, PROBLEM_TYPES.authorization],
    ["NOT_FOUND", 404, PROBLEM_TYPES.notFound],
    ["CONFLICT", 409, PROBLEM_TYPES.conflict],
    ["VALIDATION", 400, PROBLEM_TYPES.badRequest],
    ["THROTTLED", 429, PROBLEM_TYPES.throttled],
  ])("answers AppError %s with %i", async (code, status, type) => {
    const { status: got, headers, body } = await answer(new AppError(code, "What went wrong."));
    expect(got).toBe(status);
    expect(headers["content-type"]).toBe("application/problem+json");
    expect(body).toMatchObject({ type, status, detail: "What went wrong.", instance: INSTANCE, code });
    expect(typeof body.title).toBe("string");
    // RFC 9110: a 401 names the scheme that would work.
    expect(headers["www-authenticate"] !== undefined).toBe(status === 401);
  });

  it("lists the field an AppError is about in errors", async () => {
    const { body } = await answer(new AppError("CONFLICT", "That name is already taken.", "name"));
    expect(body.errors).toEqual([{ field: "name", detail: "That name is already taken." }]);
  });

  const refusal = (code: SecretsErrorCode, category: SecretsErrorCategory) =>
    new SecretsError({
      code,
      category,
      message: `Refused: ${code}.`,
      fix: "Grant the role access.",
      reference: "{{workato:sm:db}}",
      permission: "secretsmanager:GetSecretValue",
    });

  it.each<[SecretsErrorCode, SecretsErrorCategory]>([
    ["aws_access_denied", "authorization"],
    ["not_found", "authorization"],
    ["vault_login_failed", "authentication"],
    ["scope_changed", "configuration"],
  ])("answers a provider refusal (%s, %s) with 403 authorization, its code and fix, never 401", async (code, category) => {
    const { status, headers, body } = await answer(refusal(code, category));
    expect(status).toBe(403);
    expect(headers["www-authenticate"]).toBeUndefined();
    expect(body).toMatchObject({
      type: PROBLEM_TYPES.authorization,
      status: 403,
      detail: `Refused: ${code}.`,
      code,
      category,
      fix: "Grant the role access.",
      reference: "{{workato:sm:db}}",
      permission: "secretsmanager:GetSecretValue",
    });
    expect(body).not.toHaveProperty("message");
  });

  it("answers a provider outage with 503 and Retry-After", async () => {
    const { status, headers, body } = await answer(refusal("unavailable", "unavailable"));
    expect(status).toBe(503);
    expect(headers["retry-after"]).toBe("30");
    expect(body).toMatchObject({ type: PROBLEM_TYPES.unavailable, code: "unavailable" });
  });

  it("answers a page token the provider refused with 400, not as an outage", async () => {
    const { status, headers, body } = await answer(refusal("invalid_request", "invalid_request"));
    expect(status).toBe(400);
    expect(headers["retry-after"]).toBeUndefined();
    expect(body).toMatchObject({ type: PROBLEM_TYPES.badRequest, code: "invalid_request", fix: "Grant the role access." });
  });

  it("answers a zod error with 400 and one entry per field message", async () => {
    const parsed = z
      .object({ projectId: z.coerce.number().int().positive("Use a project id."), config: z.enum(["active", "own"]) })
      .safeParse({ projectId: "-1", config: "x" });
    const { status, body } = await answer(parsed.error);
    expect(status).toBe(400);
    expect(body).toMatchObject({ type: PROBLEM_TYPES.badRequest, code: "VALIDATION" });
    expect(body.errors).toEqual([
      { field: "projectId", detail: "Use a project id." },
      { field: "config", detail: expect.any(String) },
    ]);
  });

  it("rethrows anything else: a bug is not a problem to describe", () => {
    const bug = new TypeError("boom");
    expect(() => problemFromError(bug, INSTANCE)).toThrow(bug);
  });
});
