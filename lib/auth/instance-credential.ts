import "server-only";
// Instance credentials (docs/operations.md "Metrics"): a secret from the environment that a scraper or another
// operator tool presents as a Bearer token. It is not a workspace token: what it reads spans every workspace.
// Compared in constant time over SHA-256 digests, so neither the content nor the length leaks through timing.
import { createHash, timingSafeEqual } from "node:crypto";

export type InstanceCredentialCheck = "ok" | "unconfigured" | "missing" | "wrong";

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** Checks the request's `Authorization: Bearer …` against the configured credential. */
export function checkInstanceCredential(request: Request, configured: string | undefined): InstanceCredentialCheck {
  if (!configured) return "unconfigured";
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return "missing";
  return timingSafeEqual(digest(match[1]), digest(configured)) ? "ok" : "wrong";
}
