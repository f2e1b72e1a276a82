// What an HTTP connection test may send (docs/threat-model.md, "a test path retargets the host"): the test
// path is a path on the base URL's origin and nothing that parses to another origin; the auth header name is
// not one that changes how the request is routed or framed; URLs carry no user:pass@ (credentials belong in
// credential fields). Pure: the form schema and the tester (at use, defence in depth) share it.

/** Request framing, routing and hop-by-hop headers (RFC 9110 §7.6.1), which an auth header may not be. */
export const FORBIDDEN_HEADER_NAMES: readonly string[] = [
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "te",
  "trailer",
  "upgrade",
  "proxy-authorization",
  "proxy-authenticate",
  "proxy-connection",
];

export function headerNameProblem(name: string): string | null {
  const lower = name.trim().toLowerCase();
  if (FORBIDDEN_HEADER_NAMES.includes(lower) || lower.startsWith("proxy-"))
    return `${name.trim()} cannot carry a credential: it controls how the request is routed or framed.`;
  return null;
}

export function urlCredentialsProblem(url: URL): string | null {
  return url.username || url.password ? "Remove the user:password@ part: credentials belong in the credential fields." : null;
}

/** Why a test path is not a plain path on the base URL's host, or null. */
export function testPathProblem(path: string): string | null {
  const message = "Enter a path on the base URL's host, such as /health: it may not name another host.";
  if (!path.startsWith("/")) return "Start the test path with /.";
  // Controls and whitespace: URL parsers drop tabs and newlines, so "/\t/evil" would become "//evil".
  // Backslashes: WHATWG URL parsing treats them as slashes in http(s) URLs.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
  if (/[\u0000-\u0020\u007f\\]/.test(path) || path.startsWith("//")) return message;
  let decoded = path;
  try {
    for (let i = 0; i < 3 && decoded.includes("%"); i++) decoded = decodeURIComponent(decoded);
  } catch {
    return "The test path has a malformed %-escape.";
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
  if (/[\u0000-\u0020\u007f\\]/.test(decoded) || decoded.startsWith("//")) return message;
  return null;
}

export class RequestTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RequestTargetError";
  }
}

/** The URL an HTTP test requests: the test path on the base URL's origin, or a RequestTargetError. */
export function testRequestUrl(baseUrl: string, testPath: string): URL {
  const base = new URL(baseUrl);
  const problem = urlCredentialsProblem(base) ?? testPathProblem(testPath);
  if (problem) throw new RequestTargetError(problem);
  const url = new URL(testPath, base);
  if (url.origin !== base.origin || url.username || url.password)
    throw new RequestTargetError("The test path leads to another origin than the base URL; it was not requested.");
  return url;
}
