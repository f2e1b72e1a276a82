// The second HTTP layer under node-vault (cloud profiles, docs/agent.md): each request is handed to an injected
// `forward` function, which the services layer backs with an on-prem agent job. Same contract as transport.ts
// (resolve { statusCode, body, request.path } for every status; a 3xx is refused, never followed), so the
// session, retries, caching and classification above it run unchanged. The engine knows nothing about agents:
// `forward` throws SecretsErrors of its own (no agent connected, origin refused by the agent, unreachable).
import type { HttpForward } from "@/lib/secrets/contracts/http-forward";
import { redirectRefused, parseBody, type RequestDefaults, type VaultRequest, type VaultResponse } from "./transport";

/** Each request the same as transport.ts would send it, through `forward`. */
async function send(options: VaultRequest, forward: HttpForward): Promise<VaultResponse> {
  const url = new URL(options.uri);
  const body = options.json !== undefined && typeof options.json === "object" ? Buffer.from(JSON.stringify(options.json)) : undefined;
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await forward({ method: options.method ?? "GET", url: url.toString(), headers, body, timeoutMs: options.timeout ?? 10_000 });
  if (res.status >= 300 && res.status < 400) throw redirectRefused(url, res.status, res.headers.location);
  return { statusCode: res.status, body: parseBody(Buffer.from(res.body).toString("utf8")), request: { path: url.pathname } };
}

/** What node-vault's `request-promise` option expects. TLS is verified where the request is sent: on the agent. */
export function forwardTransport(forward: HttpForward) {
  return { defaults: (_defaults: RequestDefaults) => (options: VaultRequest) => send(options, forward) };
}
