// The emulator's mutable world: mounts and their KV data, policies, AppRole roles and issued tokens. Route
// handlers (vault-api.ts) read it; the /_emulator/state control API mutates it.
import { randomBytes, randomUUID } from "node:crypto";
import { Acl, DEFAULT_POLICY, policyRules } from "./acl";
import { cloneFixture, type VaultFixture, type VaultFixtureMount, type VaultPolicyRule } from "./fixture";

export interface KvVersion {
  data: Record<string, unknown> | null;
  createdTime: string;
  deletionTime: string;
  destroyed: boolean;
}

export interface KvEntry {
  /** KV v1 keeps only the last; KV v2 keeps all, oldest first (version = index + 1). */
  versions: KvVersion[];
}

export interface MountState {
  path: string; // with trailing slash, e.g. "secret/"
  type: string;
  version: "1" | "2";
  description: string;
  accessor: string;
  uuid: string;
  entries: Map<string, KvEntry>;
}

interface TokenState {
  accessor: string;
  policies: string[];
  roleName: string;
  authMount: string;
  /** Epoch ms; null = no expiry. */
  expiresAt: number | null;
  ttlSeconds: number;
}

/** Mutations accepted by POST /_emulator/state and `setState`. */
export type VaultStateMutation =
  | { op: "putSecret"; mount: string; path: string; data: Record<string, unknown> }
  | { op: "deleteSecret"; mount: string; path: string }
  /** KV v2 soft delete (sets deletion_time), destroy (data gone for good) and undelete; versions default to the latest. */
  | { op: "deleteVersions" | "destroyVersions" | "undeleteVersions"; mount: string; path: string; versions?: number[] }
  | { op: "setPolicy"; name: string; rules: VaultPolicyRule[] | string }
  | { op: "revokeTokens" }
  | { op: "seal"; sealed?: boolean }
  | { op: "reset" };

const randomId = (bytes: number) => randomBytes(bytes).toString("base64url").replace(/[-_]/g, "x");

function shortAccessor(): string {
  return randomId(18).slice(0, 24);
}

export class VaultState {
  namespace = "";
  mounts = new Map<string, MountState>();
  policies = new Map<string, VaultPolicyRule[]>();
  tokens = new Map<string, TokenState>();
  sealed = false;
  /** The fixture's auth config; logins consume secret-id uses in this copy. */
  auth: VaultFixture["auth"] = {};
  private readonly namespaceId = randomId(4).slice(0, 5);

  constructor(
    private readonly fixture: VaultFixture,
    private readonly now: () => number = Date.now,
  ) {
    this.load();
  }

  private load(): void {
    const copy = cloneFixture(this.fixture);
    this.namespace = (copy.namespace ?? "").replace(/^\/+|\/+$/g, "");
    this.auth = copy.auth;
    this.policies = new Map(Object.entries(copy.policies).map(([name, p]) => [name, policyRules(p)]));
    this.policies.set("default", DEFAULT_POLICY);
    this.mounts = new Map();
    for (const [name, mount] of Object.entries(copy.mounts)) this.addMount(name, mount);
    this.tokens = new Map();
    this.sealed = false;
  }

  private addMount(name: string, fixture: VaultFixtureMount): void {
    const path = `${name.replace(/^\/+|\/+$/g, "")}/`;
    const mount: MountState = {
      path,
      type: fixture.type,
      version: fixture.version ?? "1",
      description: fixture.description ?? "",
      accessor: `${fixture.type}_${randomBytes(4).toString("hex")}`,
      uuid: randomUUID(),
      entries: new Map(),
    };
    this.mounts.set(path, mount);
    for (const [secretPath, data] of Object.entries(fixture.secrets ?? {})) this.writeSecret(mount, secretPath, data);
  }

  /** Longest mount prefix of a request path (Vault's router), or undefined. */
  matchMount(path: string): MountState | undefined {
    let best: MountState | undefined;
    for (const mount of this.mounts.values()) {
      if ((path === mount.path.slice(0, -1) || path.startsWith(mount.path)) && (!best || mount.path.length > best.path.length)) {
        best = mount;
      }
    }
    return best;
  }

  writeSecret(mount: MountState, path: string, data: Record<string, unknown>): KvVersion {
    const version: KvVersion = { data: { ...data }, createdTime: new Date(this.now()).toISOString(), deletionTime: "", destroyed: false };
    const entry = mount.entries.get(path);
    if (!entry || mount.version !== "2") mount.entries.set(path, { versions: [version] });
    else entry.versions.push(version);
    return version;
  }

  aclFor(token: TokenState): Acl {
    return new Acl(token.policies.flatMap((name) => this.policies.get(name) ?? []));
  }

  issueToken(roleName: string, authMount: string, policies: string[], ttlSeconds: number): string {
    const suffix = this.namespace ? `.${this.namespaceId}` : "";
    const token = `hvs.${randomId(36)}${suffix}`;
    this.tokens.set(token, {
      accessor: `${shortAccessor()}${suffix}`,
      policies: ["default", ...policies.filter((p) => p !== "default")].sort(),
      roleName,
      authMount,
      expiresAt: ttlSeconds > 0 ? this.now() + ttlSeconds * 1000 : null,
      ttlSeconds,
    });
    return token;
  }

  /** A live token, or undefined when unknown, revoked or past its TTL. */
  lookupToken(token: string | undefined): TokenState | undefined {
    if (!token) return undefined;
    const state = this.tokens.get(token);
    if (!state) return undefined;
    if (state.expiresAt !== null && this.now() >= state.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    return state;
  }

  apply(mutation: VaultStateMutation): void {
    switch (mutation.op) {
      case "putSecret":
      case "deleteSecret": {
        const mount = this.mounts.get(`${mutation.mount.replace(/^\/+|\/+$/g, "")}/`);
        if (!mount) throw new Error(`No mount at ${mutation.mount}`);
        if (mutation.op === "putSecret") this.writeSecret(mount, mutation.path, mutation.data);
        else mount.entries.delete(mutation.path);
        return;
      }
      case "deleteVersions":
      case "destroyVersions":
      case "undeleteVersions":
        return this.changeVersions(mutation);
      case "setPolicy":
        this.policies.set(mutation.name, policyRules(mutation.rules));
        return;
      case "revokeTokens":
        this.tokens.clear();
        return;
      case "seal":
        this.sealed = mutation.sealed ?? true;
        return;
      case "reset":
        this.load();
        return;
    }
  }

  /** As KV v2's delete / destroy / undelete endpoints: per version, latest by default. */
  private changeVersions(m: Extract<VaultStateMutation, { versions?: number[] }>): void {
    const mount = this.mounts.get(`${m.mount.replace(/^\/+|\/+$/g, "")}/`);
    if (mount?.version !== "2") throw new Error(`No KV v2 mount at ${m.mount}`);
    const entry = mount.entries.get(m.path);
    if (!entry) throw new Error(`No secret at ${m.mount}/${m.path}`);
    for (const n of m.versions ?? [entry.versions.length]) {
      const version = entry.versions[n - 1];
      if (!version) throw new Error(`No version ${n} of ${m.path}`);
      if (m.op === "destroyVersions") {
        version.destroyed = true;
        version.data = null;
      } else if (!version.destroyed) {
        version.deletionTime = m.op === "deleteVersions" ? new Date(this.now()).toISOString() : "";
      }
    }
  }
}
