// Vault's HTTP response shapes: the secret envelope every 200 carries and the `{"errors":[...]}` bodies, with
// the multierror text ("1 error occurred:\n\t* ...\n\n") Vault's request handling produces.
import { randomUUID } from "node:crypto";

export interface ApiRequest {
  method: string;
  /** URL path, e.g. /v1/secret/data/prod/db. */
  path: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function envelope(data: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    request_id: randomUUID(),
    lease_id: "",
    renewable: false,
    lease_duration: 0,
    data,
    wrap_info: null,
    warnings: null,
    auth: null,
    mount_type: "",
    ...extra,
  };
}

export const ok = (data: unknown, extra?: Record<string, unknown>): ApiResponse => ({ status: 200, body: envelope(data, extra) });

export const errors = (status: number, ...messages: string[]): ApiResponse => ({ status, body: { errors: messages } });

/** go-multierror's text, as Vault formats errors raised inside request handling. */
function multierror(...messages: string[]): string {
  const n = messages.length;
  return `${n} error${n === 1 ? "" : "s"} occurred:\n${messages.map((m) => `\t* ${m}`).join("\n")}\n\n`;
}

/** No token on a path that needs one, or an unauthenticated login to a path with no auth method. */
export const permissionDenied = () => errors(403, "permission denied");
/** The token's policies do not grant the capability. */
export const aclDenied = () => errors(403, multierror("permission denied"));
/** Unknown, revoked or expired token (Vault 1.16 and later). */
export const invalidToken = () => errors(403, multierror("permission denied", "invalid token"));
export const notFound = () => errors(404);
export const sealed = () => errors(503, "Vault is sealed");
export const noHandler = (path: string) => errors(404, `no handler for route "${path}". route entry not found.`);
export const unsupportedPath = () => errors(404, multierror("unsupported path"));
export const unsupportedOperation = () => errors(405, multierror("unsupported operation"));

export function rateLimited(path: string): ApiResponse {
  return {
    status: 429,
    headers: { "retry-after": "1" },
    body: { errors: [multierror(`request path "${path}": rate limit quota exceeded`)] },
  };
}

export const internalError = () => errors(500, multierror("internal error"));

export function kvV2WrongPath(operation: "get" | "put" | "list"): ApiResponse {
  return {
    status: 404,
    body: envelope(null, {
      warnings: [
        `Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv ${operation}' for this operation.`,
      ],
    }),
  };
}

/** True when `?list=` carries a value Go's strconv.ParseBool reads as true. */
export function listParam(query: URLSearchParams): boolean {
  return ["1", "t", "T", "TRUE", "true", "True"].includes(query.get("list") ?? "");
}
