import "server-only";
// Short-lived memory of agent authentication and presence (docs/agent.md, "Figures"): an agent sends a poll, a
// result and the next poll within milliseconds, and each would otherwise read its key and write its session's
// "last seen". A key is remembered for at most KEY_TTL_MS, by its hash (the presented key is still compared with
// the stored hash in constant time on every request), and forgotten at once on `key_revoked`: a revocation in
// this process or, through LISTEN/NOTIFY, in another instance. A lost notification costs at most KEY_TTL_MS.
// "Last seen" is written at most once per TOUCH_EVERY_MS per session: far inside AGENT_STALE_MS.
import { onAgentMessage } from "./agent-bus";

export const KEY_TTL_MS = 1_000;
export const TOUCH_EVERY_MS = 1_000;
/** Entries are valid keys only (a wrong key is never remembered), so this bounds memory, not attacks. */
const MAX_ENTRIES = 10_000;

interface Remembered<T> {
  value: T;
  keyId: number;
  at: number;
}

const globalForCache = globalThis as unknown as {
  keyholdAgentAuthCache?: { keys: Map<string, Remembered<unknown>>; touches: Map<string, Remembered<null>>; revoked: Set<number> };
};
globalForCache.keyholdAgentAuthCache ??= (() => {
  const keys = new Map<string, Remembered<unknown>>();
  const touches = new Map<string, Remembered<null>>();
  const revoked = new Set<number>();
  onAgentMessage((m) => {
    if (m.type === "key_revoked") {
      revoked.add(m.keyId);
      forgetKey(m.keyId, keys, touches);
    }
    if (m.type === "session_closed") touches.delete(m.sessionId);
  });
  return { keys, touches, revoked };
})();
const cache = globalForCache.keyholdAgentAuthCache;

function forgetKey(keyId: number, keys: Map<string, Remembered<unknown>>, touches: Map<string, Remembered<null>>): void {
  for (const [k, v] of keys) if (v.keyId === keyId) keys.delete(k);
  for (const [k, v] of touches) if (v.keyId === keyId) touches.delete(k);
}

function bounded<T>(map: Map<string, Remembered<T>>, now: number, ttl: number): void {
  if (map.size < MAX_ENTRIES) return;
  for (const [k, v] of map) if (now - v.at >= ttl) map.delete(k);
  if (map.size >= MAX_ENTRIES) map.clear();
}

/** The remembered row for a key hash, while fresh. */
export function rememberedKey<T>(keyHash: string, now = Date.now()): T | null {
  const hit = cache.keys.get(keyHash);
  if (!hit || now - hit.at >= KEY_TTL_MS) return null;
  return hit.value as T;
}

/** A key revoked while its row was being read is not remembered: the read may predate the revocation. */
export function rememberKey(keyHash: string, keyId: number, value: unknown, now = Date.now()): void {
  if (cache.revoked.has(keyId)) return;
  bounded(cache.keys, now, KEY_TTL_MS);
  cache.keys.set(keyHash, { value, keyId, at: now });
}

/** True when this session of this key was marked seen less than TOUCH_EVERY_MS ago (in this process). */
export function recentlyTouched(sessionId: string, keyId: number, now = Date.now()): boolean {
  const hit = cache.touches.get(sessionId);
  return !!hit && hit.keyId === keyId && now - hit.at < TOUCH_EVERY_MS;
}

export function rememberTouch(sessionId: string, keyId: number, now = Date.now()): void {
  bounded(cache.touches, now, TOUCH_EVERY_MS);
  cache.touches.set(sessionId, { value: null, keyId, at: now });
}

export function forgetTouch(sessionId: string): void {
  cache.touches.delete(sessionId);
}

/** Revoked in this process: forgotten before the revocation returns (the bus message does it too, elsewhere). */
export function forgetAgentKey(keyId: number): void {
  if (cache.revoked.size >= MAX_ENTRIES) cache.revoked.clear();
  cache.revoked.add(keyId);
  forgetKey(keyId, cache.keys, cache.touches);
}
