// The Secrets Manager client's HTTP layer for a configuration routed through an on-prem group (cloud profiles,
// docs/agent.md). The SDK builds and SigV4-signs each request in the console, with the role session's temporary
// credentials (STS AssumeRole ran in the console with the platform's own keys, which never leave it); this
// handler hands the signed request to `forward` and gives the answer back to the SDK unchanged, so the SDK's
// parsing and our retries, batching, caching and error classification above it do not change. A 3xx is not
// followed (Secrets Manager never redirects); the SDK reports it as an error like any unexpected status.
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from "@smithy/types";
import type { HttpForward } from "@/lib/secrets/contracts/http-forward";

/** The attempt's budget when the SDK passes no abort signal (withRetries always passes one). */
const DEFAULT_TIMEOUT_MS = 10_000;

function urlOf(request: HttpRequest): string {
  const port = request.port ? `:${request.port}` : "";
  const url = new URL(`${request.protocol}//${request.hostname}${port}${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== null) url.searchParams.append(key, v);
  }
  return url.toString();
}

function bodyOf(body: unknown): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  // A plain view of the bytes: the SDK's JSON body is a Uint8Array subclass whose valueOf() is its text.
  if (body instanceof Uint8Array) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new Error("A streamed request body is not forwarded through an agent.");
}

function aborted(): Error {
  const err = new Error("Request aborted");
  err.name = "AbortError";
  return err;
}

export function forwardRequestHandler(forward: HttpForward): RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  return {
    metadata: { handlerProtocol: "http/1.1" },
    async handle(request, options) {
      const signal = options?.abortSignal as AbortSignal | undefined;
      if (signal?.aborted) throw aborted();
      const sent = forward({
        method: request.method,
        url: urlOf(request),
        headers: { ...request.headers },
        body: bodyOf(request.body),
        timeoutMs: options?.requestTimeout ?? DEFAULT_TIMEOUT_MS,
      });
      // The job goes on to its own deadline; the SDK call stops waiting at once, as with its own handler.
      const res = await (signal
        ? Promise.race([sent, new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(aborted()), { once: true }))])
        : sent);
      return { response: { statusCode: res.status, headers: res.headers, body: res.body } };
    },
  };
}
