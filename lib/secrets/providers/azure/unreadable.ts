// A Key Vault error answer whose body is not Key Vault's JSON (a proxy's HTML page, XML, nothing) makes the SDK
// throw a parser's TypeError with no status at all. This pipeline policy sees the response first and throws an
// error that keeps what is reliable, the status and the request id, so classify.ts can go by the status.
import type { PipelinePolicy } from "@azure/core-rest-pipeline";

export const UNREADABLE_BODY = "KEYHOLD_UNREADABLE_BODY";

function isKeyVaultError(body: string | undefined): boolean {
  if (!body) return false;
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed === "object" && parsed !== null && typeof parsed.error === "object" && parsed.error !== null;
  } catch {
    return false;
  }
}

export const unreadableErrorGuard: PipelinePolicy = {
  name: "keyholdUnreadableErrorGuard",
  async sendRequest(request, next) {
    const response = await next(request);
    if (response.status >= 400 && !isKeyVaultError(response.bodyAsText ?? undefined)) {
      throw Object.assign(new Error(`HTTP ${response.status} without a Key Vault error body`), {
        name: "RestError",
        code: UNREADABLE_BODY,
        statusCode: response.status,
        requestId: response.headers.get("x-ms-request-id") ?? undefined,
        response: { headers: response.headers, status: response.status },
      });
    }
    return response;
  },
};
