// What went wrong, read from whatever the SDK threw. In REST (fallback) mode an HTTP error reaches us as a
// GaxiosError whose response body is Google's JSON status; over gRPC (and from gax itself) it is a GoogleError
// with a numeric code; token-endpoint failures carry OAuth's { error, error_description }; transport
// failures carry a Node error code somewhere in the cause chain.

export interface GoogleStatus {
  /** Canonical code name (PERMISSION_DENIED, ...), or an OAuth error (invalid_grant, ...), when known. */
  status?: string;
  httpStatus?: number;
  /** Provider text (resource names, permissions); never a payload. */
  message: string;
  /** ErrorInfo.reason, e.g. IAM_PERMISSION_DENIED. */
  reason?: string;
  /** ErrorInfo.metadata.permission for IAM denials. */
  permission?: string;
  /** A transport failure (ECONNREFUSED, ECONNRESET, TimeoutError, ...): no answer from the service. */
  network?: string;
  /** An HTTP answer whose body was not Google's JSON (a proxy's page, XML, nothing): only the status is reliable. */
  unreadable?: boolean;
  /** ErrorInfo.metadata.consumer, e.g. "projects/123": the project a SERVICE_DISABLED is about. */
  consumer?: string;
}

const GRPC_CODES = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
];

const OAUTH_ERROR = /\b(invalid_grant|invalid_client|unauthorized_client|invalid_scope)\b/;
const NETWORK_CODE = /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/;

type Json = Record<string, unknown>;

export function readGoogleStatus(err: unknown): GoogleStatus {
  const e = (typeof err === "object" && err !== null ? err : {}) as Json;
  const message = typeof e.message === "string" ? e.message : String(err);
  const response = e.response as Json | undefined;
  // gaxios leaves response.data empty for streamed responses and puts the body text in the message.
  if (response && typeof response.status === "number") return fromHttp(response.status, response.data ?? message, message);
  if (typeof e.code === "number" && GRPC_CODES[e.code]) {
    return { status: GRPC_CODES[e.code], message: typeof e.details === "string" ? e.details : message, reason: str(e.reason) };
  }
  const oauth = OAUTH_ERROR.exec(message);
  if (oauth) return { status: oauth[1], message };
  // A request the transport could not complete (gaxios attaches its config) is a network failure too.
  const network = networkCode(err) ?? (e.config && !response ? "transport" : undefined);
  return network ? { network, message } : { message };
}

function fromHttp(httpStatus: number, data: unknown, fallbackMessage: string): GoogleStatus {
  const body = parseBody(data);
  const error = body?.error;
  if (error && typeof error === "object") {
    const e = error as Json;
    const info = Array.isArray(e.details) ? (e.details as Json[]).find((d) => d?.["@type"] === "type.googleapis.com/google.rpc.ErrorInfo") : undefined;
    const metadata = (info?.metadata ?? {}) as Json;
    return {
      status: str(e.status),
      httpStatus,
      message: str(e.message) ?? fallbackMessage,
      reason: str(info?.reason),
      permission: str(metadata.permission),
      consumer: str(metadata.consumer),
    };
  }
  if (typeof error === "string") return { status: error, httpStatus, message: str(body?.error_description) ?? error };
  // The body is not Google's: its text (an HTML page) is no message for anyone; the status is all we know.
  return { httpStatus, message: "", unreadable: true };
}

function parseBody(data: unknown): Json | undefined {
  if (typeof data === "string") {
    try {
      const parsed = JSON.parse(data) as unknown;
      return typeof parsed === "object" && parsed !== null ? (parsed as Json) : undefined;
    } catch {
      return undefined;
    }
  }
  return typeof data === "object" && data !== null ? (data as Json) : undefined;
}

function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as Json).cause, depth++) {
    const { code, name } = e as Json;
    if (typeof code === "string" && NETWORK_CODE.test(code)) return code;
    if (name === "TimeoutError" || name === "AbortError") return name;
  }
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v ? v : undefined;
}
