import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { closestNames, editDistance } from "@/lib/secrets/closest-names";
import { roleSessionNameFor } from "./identity";
import { classifyAwsError } from "./classify";

const ctx = { operation: "BatchGetSecretValue" as const, roleArn: "arn:aws:iam::123456789012:role/r", externalId: "x", platformAccountId: "111122223333" };

describe("AWS identity", () => {
  it("builds session names STS accepts for any owner", () => {
    expect(roleSessionNameFor({ workspaceId: 12, projectId: 34 })).toBe("keyhold-w12-p34");
    expect(roleSessionNameFor({ workspaceId: 12 })).toBe("keyhold-w12");
    fc.assert(
      fc.property(fc.nat(), fc.option(fc.nat(), { nil: undefined }), (workspaceId, projectId) => {
        expect(roleSessionNameFor({ workspaceId, projectId })).toMatch(/^[\w+=,.@-]{2,64}$/);
      }),
    );
  });
});

describe("AWS suggestions and classification", () => {
  it("ranks close names first and drops distant ones", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(closestNames("prod/dbb", ["prod/db", "prod/api-token", "staging/db", "prod/db2"])).toEqual(["prod/db", "prod/db2"]);
  });

  it("treats network failures as retryable and unknown errors as final, sanitized", () => {
    for (const code of ["ECONNRESET", "ECONNREFUSED"]) {
      expect(classifyAwsError(Object.assign(new Error("x"), { code }), ctx)).toMatchObject({ code: "unavailable", retryable: true });
    }
    expect(classifyAwsError(new Error("socket hang up"), ctx).retryable).toBe(true);
    expect(classifyAwsError({ name: "Weird", message: "x", $metadata: { httpStatusCode: 429 } }, ctx).code).toBe("throttled");
    const other = classifyAwsError({ name: "InvalidRequestException", message: "token=abc123secret", $metadata: { httpStatusCode: 400 } }, ctx);
    expect(other).toMatchObject({ code: "provider_error", retryable: false });
    expect(other.message).not.toContain("abc123secret");
  });
});
