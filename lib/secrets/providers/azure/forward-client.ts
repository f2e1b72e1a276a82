// The Key Vault client's HTTP layer for a configuration routed through an on-prem group (cloud profiles,
// docs/agent.md). The SDK's pipeline runs in the console: the Entra ID token comes from the credential, whose
// own requests go straight to the authority host (a public endpoint; the client secret never goes through
// the agent), and the bearer challenge, paging and our policies run as before. Only the final Key Vault
// request is handed to `forward`; its answer goes back to the pipeline unchanged. Redirects are not followed
// (Key Vault does not redirect): a 3xx reaches the classifier like any unexpected status.
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import type { HttpForward } from "@/lib/secrets/contracts/http-forward";

/** The attempt's budget when the pipeline names none (withRetries always passes an abort signal). */
const DEFAULT_TIMEOUT_MS = 10_000;

function bodyOf(body: PipelineRequest["body"]): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return body;
  throw new Error("A streamed request body is not forwarded through an agent.");
}

function abortError(): Error {
  const err = new Error("The operation was aborted.");
  err.name = "AbortError";
  return err;
}

export function forwardHttpClient(forward: HttpForward): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const signal = request.abortSignal;
      if (signal?.aborted) throw abortError();
      const sent = forward({
        method: request.method,
        url: request.url,
        headers: request.headers.toJSON(),
        body: bodyOf(request.body),
        timeoutMs: request.timeout > 0 ? request.timeout : DEFAULT_TIMEOUT_MS,
      });
      const res = await (signal
        ? Promise.race([sent, new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(abortError()), { once: true }))])
        : sent);
      return { request, status: res.status, headers: createHttpHeaders(res.headers), bodyAsText: Buffer.from(res.body).toString("utf8") };
    },
  };
}
