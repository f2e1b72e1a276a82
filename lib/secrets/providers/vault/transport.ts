// The HTTP layer under node-vault, supplied through its `request-promise` option. node-vault 0.12 sends through
// axios, which follows redirects: a 307 from the configured address made it re-send the AppRole login body
// (role_id and secret_id) to whatever the Location named, past the egress check made for the configured
// address (docs/threat-model.md, "Vault redirects"). This transport never follows one: any 3xx becomes a
// configuration error naming where Vault tried to send us. It keeps node-vault's contract (resolve with
// { statusCode, body, request.path } for every status) and Node's error codes, which classify.ts reads.
// Not supported here: HTTP(S)_PROXY from the environment (axios honoured it implicitly; docs/egress.md).
import http from "node:http";
import https from "node:https";
import { invalidConfiguration } from "@/lib/secrets/errors";

export interface VaultRequest {
  method?: string;
  uri: string;
  headers?: Record<string, string>;
  json?: unknown;
  timeout?: number;
}

export interface VaultResponse {
  statusCode: number;
  body: unknown;
  request: { path: string };
}

export interface RequestDefaults {
  strictSSL?: boolean;
}

export function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A redirect is a misconfigured (or hostile) address, never something to follow. */
export function redirectRefused(from: URL, status: number, location: string | undefined): Error {
  let target = location ?? "(no Location header)";
  try {
    if (location) target = new URL(location, from).toString();
  } catch {
    // keep the raw header text
  }
  return invalidConfiguration(
    `Vault at ${from.origin} answered ${status}: redirected to ${target}. Keyhold does not follow redirects, so the AppRole login was not sent there.`,
    "Enter the address Vault serves its API on (the active node or its load balancer), not one that redirects.",
  );
}

function send(options: VaultRequest, defaults: RequestDefaults): Promise<VaultResponse> {
  const url = new URL(options.uri);
  const body = options.json !== undefined && typeof options.json === "object" ? JSON.stringify(options.json) : undefined;
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (body !== undefined) Object.assign(headers, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method: options.method ?? "GET", headers, rejectUnauthorized: defaults.strictSSL !== false }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.resume();
        return reject(redirectRefused(url, status, res.headers.location));
      }
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => resolve({ statusCode: status, body: parseBody(Buffer.concat(chunks).toString("utf8")), request: { path: url.pathname } }));
    });
    if (options.timeout) {
      req.setTimeout(options.timeout, () => req.destroy(Object.assign(new Error(`timeout of ${options.timeout}ms exceeded`), { code: "ETIMEDOUT" })));
    }
    req.on("error", reject);
    req.end(body);
  });
}

/** What node-vault's `request-promise` option expects: an object whose defaults() returns the request function. */
export const vaultTransport = {
  defaults: (defaults: RequestDefaults) => (options: VaultRequest) => send(options, defaults),
};
