import { describe, expect, it } from "vitest";
import { sanitizeProviderText } from "./errors";
import { classifyHttpStatus, retryAfterMsOf } from "./http-status";
import { classifyAwsError } from "./providers/aws/classify";

const facts = { provider: "AWS Secrets Manager", operation: "ListSecrets" };

describe("classification by status when the body did not parse", () => {
  it("401/403 are denials (never an outage), 404 not found, 429 throttled, 5xx unavailable", () => {
    expect(classifyHttpStatus({ ...facts, status: 403 })).toMatchObject({ code: "access_denied", category: "authorization", retryable: false });
    expect(classifyHttpStatus({ ...facts, status: 401 })).toMatchObject({ code: "access_denied", category: "authentication", retryable: false });
    expect(classifyHttpStatus({ ...facts, status: 404 }, "secret x")).toMatchObject({ code: "not_found", category: "authorization" });
    expect(classifyHttpStatus({ ...facts, status: 429, retryAfterMs: 2_000 })).toMatchObject({ code: "throttled", retryable: true, retryAfterMs: 2_000 });
    expect(classifyHttpStatus({ ...facts, status: 502 })).toMatchObject({ code: "unavailable", category: "unavailable", retryable: true });
  });

  it("names the provider, the operation, the status and the request id when there is one", () => {
    const error = classifyHttpStatus({ ...facts, status: 403, requestId: "req-123" });
    expect(error.message).toContain("AWS Secrets Manager refused ListSecrets with HTTP 403");
    expect(error.message).toContain("request id req-123");
    expect(classifyHttpStatus({ ...facts, status: 403 }).message).toContain("no AWS Secrets Manager request id");
  });
});

describe("no SDK internals in messages", () => {
  const INTERNALS = /Deserialization|\$response|SyntaxError|Unexpected token/;

  it("the AWS SDK's parser error on a proxy's HTML 403 becomes a plain denial", () => {
    const sdk = Object.assign(
      new SyntaxError(
        `Unexpected token '<', "<html>\\r\\n<h"... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
      ),
      { $metadata: { httpStatusCode: 403 } },
    );
    const error = classifyAwsError(sdk, {
      operation: "ListSecrets",
      roleArn: "arn:aws:iam::123456789012:role/r",
      externalId: "x",
      platformAccountId: "111122223333",
    });
    expect(error).toMatchObject({ code: "access_denied", category: "authorization" });
    expect(JSON.stringify(error.toJSON())).not.toMatch(INTERNALS);
  });

  it("provider text that is the client library talking about itself is dropped whole", () => {
    expect(sanitizeProviderText("SyntaxError: Unexpected token '<' … inspect the hidden field {error}.$response")).toBe("the answer could not be read");
    expect(sanitizeProviderText("Cannot read properties of undefined (reading 'error')")).toBe("the answer could not be read");
    expect(sanitizeProviderText("Secret Manager API has not been used in project 1")).toBe("Secret Manager API has not been used in project 1");
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates from the shapes the SDKs throw", () => {
    expect(retryAfterMsOf({ $response: { headers: { "retry-after": "3" } } })).toBe(3_000);
    expect(retryAfterMsOf({ response: { headers: new Headers({ "Retry-After": "1" }) } })).toBe(1_000);
    const now = Date.parse("2026-11-25T12:00:00Z");
    expect(retryAfterMsOf({ response: { headers: { "Retry-After": "Wed, 25 Nov 2026 12:00:05 GMT" } } }, now)).toBe(5_000);
    expect(retryAfterMsOf({ response: { headers: {} } })).toBeUndefined();
  });
});
