// Argon2id via @node-rs/argon2 (prebuilt binaries from npm; nothing compiles on install).
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

export { MIN_PASSWORD_LENGTH } from "./password-policy";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when the account does not exist keeps the response time the same, so timing does not
// tell an attacker which emails have accounts.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$Hd1WyBADx5EEZldsLEf5Zg$WpOJBUgBfsso0NLuchGSa08LWaXSe585hKe6nsne/Mk";

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(storedHash ?? DUMMY_HASH, password);
    return storedHash !== null && ok;
  } catch {
    return false;
  }
}

/** A one-time password an admin hands to a new user: readable, 20 characters, ~100 bits. */
export function generateOneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(20);
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 5)}-${out.slice(5, 10)}-${out.slice(10, 15)}-${out.slice(15, 20)}`;
}
