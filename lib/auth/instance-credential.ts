// The instance credential (docs/roles.md, "API tokens"): instance-wide endpoints such as metrics belong to no
// workspace, so workspace API tokens do not open them. The operator sets METRICS_TOKEN and the scraper sends
// `Authorization: Bearer <METRICS_TOKEN>`. Unset, the endpoints refuse everyone (fails closed). Compared as
// SHA-256 digests with timingSafeEqual: equal lengths, and no early exit that times out how much matched.
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** True when `presented` equals `expected`, in time that does not depend on where they differ. */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The Bearer value of an Authorization header, or null. */
export function bearerValue(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match ? match[1]! : null;
}

/**
 * Throws UNAUTHENTICATED (401) unless the request carries the instance credential. `configured` is for tests;
 * the default reads METRICS_TOKEN through lib/env.ts.
 */
export function requireInstanceCredential(request: Request, configured: string | undefined = env.METRICS_TOKEN): void {
  if (!configured) throw new AppError("UNAUTHENTICATED", "This endpoint is off: set METRICS_TOKEN on the server to enable it.");
  const presented = bearerValue(request.headers.get("authorization"));
  // Compare even when nothing was presented, so a missing header costs what a wrong one does.
  const ok = sameSecret(presented ?? "", configured);
  if (!ok || presented === null) throw new AppError("UNAUTHENTICATED", "The instance credential is required (Authorization: Bearer <METRICS_TOKEN>).");
}

export type InstanceCredentialCheck = "ok" | "unconfigured" | "missing" | "wrong";

/** Checks the request's `Authorization: Bearer …` against the configured credential (the metrics route's answer). */
export function checkInstanceCredential(request: Request, configured: string | undefined): InstanceCredentialCheck {
  if (!configured) return "unconfigured";
  const presented = bearerValue(request.headers.get("authorization"));
  if (!presented) return "missing";
  return sameSecret(presented, configured) ? "ok" : "wrong";
}
