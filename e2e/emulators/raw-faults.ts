// Answers no SDK can parse as the service's own error: what a corporate proxy, a WAF, a load balancer or a
// captive portal in front of the service sends. Used by every emulator's `raw` fault, so product tests can
// check that a denial is classified by its status when the body says nothing (docs/errors.md).
import type { FaultSpec, RawFaultBody } from "./types";

export const RAW_STATUSES = [401, 403, 404, 429, 500, 502, 503] as const;
const BODIES: readonly RawFaultBody[] = ["xml", "html", "empty"];

const REASON: Record<number, string> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Throws on a raw fault the emulators cannot play, so a typo in a test fails at injection, not later. */
export function validateRawFault(fault: FaultSpec): void {
  if (!RAW_STATUSES.includes(fault.status as (typeof RAW_STATUSES)[number])) {
    throw new Error(`raw fault needs status, one of ${RAW_STATUSES.join(", ")}`);
  }
  if (!BODIES.includes(fault.body ?? "empty")) throw new Error(`raw fault body must be one of ${BODIES.join(", ")}`);
}

/**
 * The reply for a raw fault. No provider headers (no request id): the service never saw the request.
 * XML is the generic `<Error><Code/><Message/></Error>` that S3-style front doors and gateways send; HTML is
 * nginx's default error page, the most common proxy answer.
 */
export function rawFaultReply(fault: FaultSpec): RawReply {
  const status = fault.status ?? 503;
  const reason = REASON[status] ?? "Error";
  const retry: Record<string, string> = status === 429 || status === 503 ? { "Retry-After": "1" } : {};
  switch (fault.body ?? "empty") {
    case "xml":
      return {
        status,
        headers: { "Content-Type": "application/xml", ...retry },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${reason.replace(/ /g, "")}</Code><Message>${reason}</Message></Error>\n`,
      };
    case "html":
      return {
        status,
        headers: { "Content-Type": "text/html", ...retry },
        body: `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
      };
    default:
      return { status, headers: { ...retry }, body: "" };
  }
}

/** Writes a raw fault on a Node response (AWS, Azure and Google emulators). */
export function writeRawFault(res: import("node:http").ServerResponse, fault: FaultSpec): void {
  if (res.destroyed || res.headersSent) return;
  const reply = rawFaultReply(fault);
  res.writeHead(reply.status, { ...reply.headers, "Content-Length": Buffer.byteLength(reply.body) });
  res.end(reply.body);
}
