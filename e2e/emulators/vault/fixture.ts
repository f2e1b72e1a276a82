// What the Vault emulator starts from: AppRole auth mounts, ACL policies and KV mounts with their secrets,
// optionally all inside one Enterprise namespace. JSON-serialisable so Playwright runs can hand it over as a file.
import demoFixtureJson from "./demo-fixture.json";

interface VaultFixtureSecretId {
  id: string;
  /** ISO time after which logins with it fail, like a secret_id_ttl that ran out. */
  expiresAt?: string;
  /** Logins left (secret_id_num_uses); omitted = unlimited. */
  numUses?: number;
}

interface VaultFixtureRole {
  roleId: string;
  secretIds: VaultFixtureSecretId[];
  /** Token policies besides "default", which Vault always attaches. */
  policies: string[];
  /** token_ttl; Vault's default is 768h. */
  tokenTtlSeconds?: number;
}

interface VaultFixtureAuthMount {
  type: "approle";
  roles: Record<string, VaultFixtureRole>;
}

export interface VaultPolicyRule {
  path: string;
  capabilities: string[];
}

export interface VaultFixtureMount {
  /** "kv" for key/value; any other type is mounted but serves nothing. */
  type: string;
  /** KV version, as the mount's options.version; omitted = "1". */
  version?: "1" | "2";
  description?: string;
  /** Path inside the mount → key/value data (KV v2: becomes version 1). */
  secrets?: Record<string, Record<string, unknown>>;
}

export interface VaultFixture {
  /** Enterprise namespace holding everything below (X-Vault-Namespace); omitted = the root namespace. */
  namespace?: string;
  /** Keyed by mount path without slashes, e.g. "approle" for auth/approle/. */
  auth: Record<string, VaultFixtureAuthMount>;
  /** Policy name → rules, or the HCL text Vault's sys/policy API takes. */
  policies: Record<string, VaultPolicyRule[] | string>;
  /** Keyed by mount path without the trailing slash, e.g. "secret". */
  mounts: Record<string, VaultFixtureMount>;
}

export const demoFixture: VaultFixture = demoFixtureJson as VaultFixture;

/** A deep copy, so a running emulator can mutate its state and still `reset` to the original. */
export function cloneFixture(fixture: VaultFixture): VaultFixture {
  return structuredClone(fixture);
}
