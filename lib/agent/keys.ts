// Agent keys are bearer secrets (docs/agent.md): `kha_<prefix>_<secret>`, shown once, stored as SHA-256, compared
// in constant time. Pure Node crypto so that the console and tests share the format.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const AGENT_KEY_PATTERN = /^kha_[A-Za-z0-9]{8}_[\w-]{43}$/;

export function hashAgentKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateAgentKey(): { key: string; prefix: string } {
  const prefix = `kha_${randomBytes(6).toString("base64url").replace(/[-_]/g, "x").slice(0, 8)}`;
  return { key: `${prefix}_${randomBytes(32).toString("base64url")}`, prefix };
}

/** Compares a presented key with a stored hash without leaking, through timing, how much of it matched. */
export function agentKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashAgentKey(key), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
