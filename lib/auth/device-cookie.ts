import "server-only";
// The device cookie (docs/threat-model.md): lets a browser that signed in to an account before past the
// per-account sign-in ceiling. Random, HttpOnly, SameSite=Lax, Secure off localhost; stored hashed.
import { cookies } from "next/headers";
import { cookieIsSecure } from "./current-user";

export const DEVICE_COOKIE = "kh_device";
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export async function readDeviceToken(): Promise<string | undefined> {
  return (await cookies()).get(DEVICE_COOKIE)?.value;
}

export async function setDeviceToken(token: string): Promise<void> {
  (await cookies()).set(DEVICE_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: await cookieIsSecure(), path: "/", maxAge: ONE_YEAR_SECONDS });
}
