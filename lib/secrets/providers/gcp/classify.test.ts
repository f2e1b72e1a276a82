import { describe, expect, it } from "vitest";
import { classifyGcpError } from "./classify";
import { closestNames } from "@/lib/secrets/closest-names";
import { crc32c } from "./crc32c";

const ctx = { projectId: "keyhold-demo", email: "keyhold@keyhold-demo.iam.gserviceaccount.com", secretId: "db-password", version: "latest" };
// What the SDK throws in REST mode: a GaxiosError whose message is Google's JSON body.
const http = (status: number, body: unknown) => Object.assign(new Error(JSON.stringify(body)), { response: { status }, config: {} });

describe("classifyGcpError", () => {
  it("maps Google statuses to typed errors", () => {
    expect(classifyGcpError(http(429, { error: { code: 429, message: "Quota exceeded", status: "RESOURCE_EXHAUSTED" } }), ctx)).toMatchObject({
      code: "throttled",
      retryable: true,
    });
    expect(classifyGcpError(http(503, { error: { code: 503, message: "The service is currently unavailable.", status: "UNAVAILABLE" } }), ctx)).toMatchObject({
      code: "unavailable",
      retryable: true,
    });
    expect(classifyGcpError(http(502, "<html>Bad Gateway</html>"), ctx)).toMatchObject({ code: "unavailable", retryable: true });
    expect(classifyGcpError(Object.assign(new Error("7 PERMISSION_DENIED"), { code: 7, details: "denied" }), ctx)).toMatchObject({
      code: "gcp_permission_denied",
    });
    const disabled = http(403, {
      error: {
        code: 403,
        status: "PERMISSION_DENIED",
        message: "Secret Manager API has not been used in project 1 before or it is disabled.",
        details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "SERVICE_DISABLED" }],
      },
    });
    // No ErrorInfo.metadata.consumer: the configured project is the best guess.
    expect(classifyGcpError(disabled, ctx)).toMatchObject({
      code: "gcp_service_disabled",
      category: "configuration",
      command: "gcloud services enable secretmanager.googleapis.com --project=keyhold-demo",
    });
  });

  it("maps token-endpoint refusals to gcp_invalid_credentials", () => {
    expect(classifyGcpError(new Error("invalid_grant: Invalid JWT Signature."), ctx)).toMatchObject({
      code: "gcp_invalid_credentials",
      category: "authentication",
    });
    const body = { error: "invalid_grant", error_description: "Invalid grant: account not found" };
    const error = classifyGcpError(http(400, body), ctx);
    expect(error).toMatchObject({ code: "gcp_invalid_credentials" });
    expect(error.message).toContain("account not found");
  });

  it("maps transport failures to a retryable unavailable", () => {
    const refused = Object.assign(new Error("request failed"), { cause: Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }) });
    expect(classifyGcpError(refused, ctx)).toMatchObject({ code: "unavailable", retryable: true, message: expect.stringContaining("ECONNREFUSED") });
  });

  it("does not quote a local error that may carry payload bytes", () => {
    const error = classifyGcpError(new SyntaxError(`Unexpected token in JSON: "CANARY-payload"`), ctx);
    expect(error.code).toBe("provider_error");
    expect(error.message).not.toContain("CANARY");
  });
});

describe("helpers", () => {
  it("computes CRC32C (Castagnoli)", () => {
    expect(crc32c(Buffer.from("123456789"))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array())).toBe(0);
  });

  it("suggests the closest ids, typos first", () => {
    const ids = ["api-token", "db-password", "db-password-old", "stripe-key"];
    expect(closestNames("db-pasword", ids)).toEqual(["db-password"]);
    expect(closestNames("db-pass", ids)).toEqual(["db-password", "db-password-old"]);
    expect(closestNames("Stripe_key", ids)).toEqual(["stripe-key"]);
    expect(closestNames("zzz", ["api-token", "db-password"])).toEqual([]);
  });
});
