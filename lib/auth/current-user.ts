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
 * The client for login throttling. Next appends the socket address to x-forwarded-for, so the last entry is
 * the one a client cannot forge (unless a trusted proxy sits in front, whose address then counts).
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
