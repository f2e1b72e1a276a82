// Request ids (docs/operations.md "Request ids"): the proxy gives every request one, taking the caller's
// X-Request-Id only when it is a plausible id (so a client cannot inject log lines or huge values), and returns
// it in the response; route handlers and actions log with it.

export const REQUEST_ID_HEADER = "x-request-id";

const VALID = /^[A-Za-z0-9._:-]{8,128}$/;

export function isValidRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && VALID.test(value);
}

/** The caller's id when valid, else a new one. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return isValidRequestId(given) ? given : crypto.randomUUID();
}
