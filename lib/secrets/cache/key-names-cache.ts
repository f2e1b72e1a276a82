// The secret browser's memory of JSON key names (docs/cache.md): names only, never values, for the workspace's
// cache TTL, keyed by configuration + revision + secret so an edited configuration never shows old names.
// Expanding a row reads the secret once; expanding it again within the TTL reads nothing.

interface Entry {
  workspaceId: number;
  /** null: the secret is not a JSON object (a plain or binary secret), so it has no keys. */
  keys: string[] | null;
  expiresAt: number;
}

export class KeyNamesCache {
  private entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  get(configId: number, revision: number, secretId: string): string[] | null | undefined {
    const entry = this.entries.get(`${configId}:${revision}:${secretId}`);
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    return entry.keys;
  }

  set(where: { configId: number; revision: number; workspaceId: number }, secretId: string, keys: string[] | null, ttlMs: number): void {
    this.entries.set(`${where.configId}:${where.revision}:${secretId}`, { workspaceId: where.workspaceId, keys, expiresAt: this.now() + ttlMs });
  }

  clearWorkspace(workspaceId: number): void {
    for (const [key, entry] of this.entries) if (workspaceId === -1 || entry.workspaceId === workspaceId) this.entries.delete(key);
  }

  dropConfig(configId: number): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${configId}:`)) this.entries.delete(key);
  }
}

/** The key names of a JSON object payload, or null for anything else. Values are read and dropped here. */
export function jsonKeyNames(text: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? Object.keys(parsed) : null;
  } catch {
    return null;
  }
}
