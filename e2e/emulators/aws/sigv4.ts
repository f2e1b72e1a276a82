// Server-side Signature Version 4 check, as AWS does it: rebuild the canonical request from what arrived
// (method, path, query, the signed headers, the SHA-256 of the actual body), derive the signing key from the
// secret key we know for the access key id, and compare. The caller maps each failure to the protocol's own
// error code (JSON: InvalidSignatureException...; Query: SignatureDoesNotMatch...).
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export interface SigningKeyMaterial {
  secretAccessKey: string;
  /** Required (as X-Amz-Security-Token) for temporary credentials. */
  sessionToken?: string;
  expiresAt?: number;
}

interface SignedRequest {
  method: string;
  /** The raw request target, path and query as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type SigV4Failure = "missing" | "incomplete" | "unknown_key" | "invalid_token" | "expired_token" | "wrong_service" | "request_expired" | "mismatch";

type SigV4Result = { ok: true; accessKeyId: string; region: string; service: string } | { ok: false; failure: SigV4Failure; message: string };

const MAX_SKEW_MS = 15 * 60_000;
const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

/** The credential scope's service, read before verification so requests can be routed by it. */
export function scopeService(headers: IncomingHttpHeaders): string | undefined {
  return AUTH.exec(String(headers.authorization ?? ""))?.[4];
}

export function verifySigV4(
  req: SignedRequest,
  expectedService: string,
  lookup: (accessKeyId: string) => SigningKeyMaterial | undefined,
  now = Date.now(),
): SigV4Result {
  const header = req.headers.authorization;
  if (!header) return fail("missing", "Missing Authentication Token");
  const m = AUTH.exec(String(header));
  if (!m) return fail("incomplete", "Authorization header requires 'Credential', 'Signature', 'SignedHeaders' parameters.");
  const [, accessKeyId, shortDate, region, service, signedHeaderList, signature] = m as unknown as string[];
  if (service !== expectedService) {
    return fail("wrong_service", `Credential should be scoped to correct service: '${expectedService}'. `);
  }
  const amzDate = String(req.headers["x-amz-date"] ?? "");
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined || amzDate.slice(0, 8) !== shortDate) {
    return fail("incomplete", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP");
  }
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    return fail("request_expired", `Signature expired: ${amzDate} is now earlier than ${toAmzDate(now - MAX_SKEW_MS)} (${toAmzDate(now)} - 15 min.)`);
  }
  const signedHeaders = signedHeaderList!.split(";");
  if (!signedHeaders.includes("host")) return fail("incomplete", "'Host' must be a 'SignedHeader' in the AWS Authorization.");

  const key = lookup(accessKeyId!);
  if (!key) return fail("unknown_key", "The security token included in the request is invalid.");
  const token = req.headers["x-amz-security-token"];
  if ((key.sessionToken ?? undefined) !== (token === undefined ? undefined : String(token))) {
    return fail("invalid_token", "The security token included in the request is invalid.");
  }
  if (key.expiresAt !== undefined && key.expiresAt <= now) {
    return fail("expired_token", "The security token included in the request is expired");
  }

  const canonical = canonicalRequest(req, signedHeaders);
  const scope = `${shortDate}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
  let signingKey: Buffer = hmac(`AWS4${key.secretAccessKey}`, shortDate!);
  for (const part of [region!, service!, "aws4_request"]) signingKey = hmac(signingKey, part);
  const expected = createHmac("sha256", signingKey).update(stringToSign).digest();
  const given = Buffer.from(signature!, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail(
      "mismatch",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n" +
        `The Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`,
    );
  }
  return { ok: true, accessKeyId: accessKeyId!, region: region!, service: service! };
}

function canonicalRequest(req: SignedRequest, signedHeaders: string[]): string {
  const [rawPath = "/", rawQuery = ""] = req.url.split("?", 2);
  const headers = signedHeaders.map((name) => {
    const value = req.headers[name];
    const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
    return `${name}:${joined
      .replace(/[\r\n]/g, " ")
      .replace(/[ \t]+/g, " ")
      .trim()}`;
  });
  return [req.method, canonicalPath(rawPath), canonicalQuery(rawQuery), headers.join("\n"), "", signedHeaders.join(";"), sha256Hex(req.body)].join("\n");
}

function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    // The wire path is encoded once already; AWS canonicalises non-S3 paths encoded twice.
    else segments.push(escapeUri(segment));
  }
  const trailing = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  return `/${segments.join("/")}${trailing}`;
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return "";
  return rawQuery
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const [k = "", v = ""] = pair.split("=", 2);
      return [escapeUri(safeDecode(k)), escapeUri(safeDecode(v))] as const;
    })
    .filter(([k]) => k.toLowerCase() !== "x-amz-signature")
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

const escapeUri = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, "%20"));
  } catch {
    return s;
  }
}

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
const fail = (failure: SigV4Failure, message: string): SigV4Result => ({ ok: false, failure, message });

function parseAmzDate(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, se!);
}

function toAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}
