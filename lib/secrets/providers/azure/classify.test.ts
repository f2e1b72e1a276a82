import { describe, expect, it } from "vitest";
import { classifyAzureError } from "./classify";
import type { AzureErrorContext } from "./errors";

const ctx: AzureErrorContext = {
  tenantId: "00000000-0000-0000-0000-0000000000aa",
  clientId: "11111111-2222-3333-4444-555555555555",
  vaultName: "keyhold-demo",
  operation: "get",
  secretName: "db-password",
  redact: (text) => text.split("client-secret-canary").join("[redacted]"),
};

// msal-node's ServerError text, as @azure/identity passes it on in AuthenticationRequiredError.
const msalText = (error: string, code: number, description: string) =>
  `${error}: Error(s): ${code} - Timestamp: 2026-01-31 12:34:56Z - Description: AADSTS${code}: ${description} Trace ID: 0467a5cd-d94a-4c1d-866a-15ca66277540 Correlation ID: 0abb63c3-c8fb-4e6a-bec6-a7ea3b74920f Timestamp: 2026-01-31 12:34:56Z - Correlation ID: 0abb63c3-c8fb-4e6a-bec6-a7ea3b74920f - Trace ID: 0467a5cd-d94a-4c1d-866a-15ca66277540`;
const tokenError = (message: string) => Object.assign(new Error(message), { name: "AuthenticationRequiredError" });

describe("classifyAzureError", () => {
  it("maps AADSTS codes to the Azure error codes", () => {
    expect(classifyAzureError(tokenError(msalText("invalid_client", 7000222, "The provided client secret keys are expired.")), ctx).code).toBe(
      "azure_client_secret_expired",
    );
    expect(classifyAzureError(tokenError(msalText("invalid_client", 7000215, "Invalid client secret provided.")), ctx).code).toBe("azure_invalid_client");
    expect(classifyAzureError(tokenError(msalText("invalid_request", 90002, "Tenant 'x' not found.")), ctx).code).toBe("azure_unknown_tenant");
    expect(classifyAzureError(tokenError(msalText("unauthorized_client", 700016, "Application not found.")), ctx).code).toBe("azure_unknown_tenant");
    expect(classifyAzureError(tokenError(msalText("server_error", 90033, "A transient error has occurred.")), ctx)).toMatchObject({
      code: "unavailable",
      retryable: true,
    });
  });

  it("keeps unknown sign-in failures readable but free of ids, timestamps and the client secret", () => {
    const error = classifyAzureError(tokenError(msalText("invalid_request", 50057, "The application client-secret-canary is disabled.")), ctx);
    expect(error).toMatchObject({ code: "provider_error", category: "authentication" });
    expect(error.message).toContain("AADSTS50057: The application [redacted] is disabled.");
    expect(error.message).not.toMatch(/Timestamp|0467a5cd|0abb63c3|client-secret-canary/);
  });

  it("maps Key Vault answers and transport failures", () => {
    const rest = (statusCode: number, code?: string, inner?: string, message = "") =>
      Object.assign(new Error(message), {
        name: "RestError",
        statusCode,
        code,
        details: { error: { code, message, innerError: inner ? { code: inner } : undefined } },
      });
    expect(classifyAzureError(rest(403, "Forbidden", "ForbiddenByRbac"), ctx).code).toBe("azure_forbidden_rbac");
    expect(classifyAzureError(rest(403, "Forbidden", undefined, "… does not have secrets list permission on key vault …"), ctx)).toMatchObject({
      code: "azure_forbidden_access_policy",
      permission: "secrets/list",
    });
    expect(classifyAzureError(rest(429, "Throttled"), ctx)).toMatchObject({ code: "throttled", retryable: true });
    expect(classifyAzureError(rest(503, "ServiceUnavailable"), ctx)).toMatchObject({ code: "unavailable", retryable: true });
    expect(classifyAzureError(Object.assign(new Error("connect ECONNREFUSED"), { name: "RestError", code: "ECONNREFUSED" }), ctx)).toMatchObject({
      code: "unavailable",
      retryable: true,
    });
    expect(classifyAzureError(new Error("The challenge resource 'vault.azure.net' does not match the requested domain."), ctx).code).toBe(
      "invalid_configuration",
    );
  });
});
