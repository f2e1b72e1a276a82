import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { findSessionUser, type SessionUser } from "@/lib/data/sessions";

export const SESSION_COOKIE = "kh_session";

/** Once per request (React cache): the signed-in user, or null. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token || token.length > 100) return null;
  return findSessionUser(token);
});

/** Secure cookies everywhere except plain-HTTP localhost, where browsers would drop them. */
export async function cookieIsSecure(): Promise<boolean> {
  const h = await headers();
  const proto = h.get("x-forwarded-proto");
  if (proto === "https") return true;
  const host = (h.get("host") ?? "").replace(/:\d+$/, "");
  return !["localhost", "127.0.0.1", "[::1]"].includes(host);
}

/**
 * The client for login throttling and session records. The server entry (lib/cli/server.ts) overwrites
 * X-Forwarded-For with the one address it resolved from the socket and TRUSTED_PROXIES, so a client cannot
 * choose it (lib/net/client-address.ts). Under `next dev` there is no entry: the last entry is a best guess.
 */
export async function clientKey(): Promise<string> {
  const h = await headers();
  const forwarded = h
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded?.[forwarded.length - 1] ?? h.get("x-real-ip") ?? "unknown";
}
