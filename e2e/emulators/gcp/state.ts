// The emulator's mutable world: secrets, their numbered versions with states, and IAM. Tests and the
// /_emulator/state control API change it through GcpStateMutation (rotation, disabling, revoking access).
import { serviceAccountMember, type GcpFixture, type GcpFixtureVersion, type IamBindings, type VersionState } from "./fixture";

export interface VersionRecord {
  number: number;
  data: Buffer;
  state: VersionState;
  createTime: string;
  destroyTime?: string;
}

export interface SecretRecord {
  id: string;
  createTime: string;
  labels: Record<string, string>;
  /** Secret.expire_time (RFC 3339): Google deletes the secret and its versions then. */
  expireTime?: string;
  bindings: IamBindings;
  /** Oldest first; `number` is index + 1. */
  versions: VersionRecord[];
}

export type GcpStateMutation =
  | { op: "addVersion"; secretId: string; value?: string; valueBase64?: string }
  | { op: "disableVersion"; secretId: string; version: number | string }
  | { op: "enableVersion"; secretId: string; version: number | string }
  | { op: "destroyVersion"; secretId: string; version: number | string }
  | { op: "setAccessors"; secretId: string; members: string[] }
  | { op: "setProjectBinding"; role: string; members: string[] }
  | { op: "createSecret"; secretId: string; accessors?: string[] }
  /** UpdateSecret of `expire_time` (RFC 3339); null clears it. */
  | { op: "setExpireTime"; secretId: string; expireTime: string | null }
  | { op: "deleteSecret"; secretId: string }
  | { op: "reset" };

export const ACCESSOR_ROLE = "roles/secretmanager.secretAccessor";

// The subset of each predefined role that the emulated methods check.
const READ = ["secretmanager.secrets.list", "secretmanager.secrets.get", "secretmanager.versions.list", "secretmanager.versions.get"];
const ROLE_PERMISSIONS: Record<string, string[]> = {
  "roles/owner": [...READ, "secretmanager.versions.access"],
  "roles/secretmanager.admin": [...READ, "secretmanager.versions.access"],
  "roles/secretmanager.viewer": READ,
  [ACCESSOR_ROLE]: ["secretmanager.versions.access"],
};

const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;

export class GcpState {
  secrets = new Map<string, SecretRecord>();
  projectBindings: IamBindings = {};

  constructor(private readonly fixture: GcpFixture) {
    this.reset();
  }

  reset(): void {
    const now = new Date().toISOString();
    this.projectBindings = cloneBindings(this.fixture.projectBindings ?? {});
    this.secrets = new Map();
    for (const s of this.fixture.secrets) {
      this.secrets.set(s.id, {
        id: s.id,
        createTime: now,
        labels: { ...s.labels },
        bindings: cloneBindings(s.bindings ?? {}),
        versions: s.versions.map((v, i) => ({ number: i + 1, data: payloadOf(v), state: v.state ?? "ENABLED", createTime: now })),
      });
    }
  }

  /** Whether `email` holds `permission` on the project, or on `secretId` (bindings there add to the project's). */
  allows(email: string, permission: string, secretId?: string): boolean {
    const member = serviceAccountMember(email);
    const grants = (bindings: IamBindings) =>
      Object.entries(bindings).some(([role, members]) => members.includes(member) && (ROLE_PERMISSIONS[role] ?? []).includes(permission));
    if (grants(this.projectBindings)) return true;
    const secret = secretId === undefined ? undefined : this.secrets.get(secretId);
    return secret ? grants(secret.bindings) : false;
  }

  apply(m: GcpStateMutation): Record<string, unknown> {
    switch (m.op) {
      case "reset":
        this.reset();
        return {};
      case "createSecret": {
        if (!SECRET_ID.test(m.secretId)) throw new Error(`Invalid secret id: ${m.secretId}`);
        if (this.secrets.has(m.secretId)) throw new Error(`Secret ${m.secretId} already exists.`);
        const bindings: IamBindings = m.accessors ? { [ACCESSOR_ROLE]: m.accessors.map(serviceAccountMember) } : {};
        this.secrets.set(m.secretId, { id: m.secretId, createTime: new Date().toISOString(), labels: {}, bindings, versions: [] });
        return {};
      }
      case "deleteSecret":
        if (!this.secrets.delete(m.secretId)) throw new Error(`No secret ${m.secretId}.`);
        return {};
      case "addVersion": {
        const secret = this.secret(m.secretId);
        const number = secret.versions.length + 1;
        const data = payloadOf({ value: m.value, valueBase64: m.valueBase64 });
        secret.versions.push({ number, data, state: "ENABLED", createTime: new Date().toISOString() });
        return { version: number };
      }
      case "disableVersion":
      case "enableVersion":
      case "destroyVersion": {
        const version = this.version(m.secretId, m.version);
        if (version.state === "DESTROYED") throw new Error(`Version ${version.number} of ${m.secretId} is destroyed.`);
        if (m.op === "destroyVersion") {
          version.state = "DESTROYED";
          version.data = Buffer.alloc(0);
          version.destroyTime = new Date().toISOString();
        } else {
          version.state = m.op === "disableVersion" ? "DISABLED" : "ENABLED";
        }
        return { version: version.number };
      }
      case "setExpireTime": {
        const secret = this.secret(m.secretId);
        if (m.expireTime !== null && !Number.isFinite(Date.parse(m.expireTime))) throw new Error(`Invalid expire_time: ${m.expireTime}`);
        secret.expireTime = m.expireTime === null ? undefined : new Date(m.expireTime).toISOString();
        return {};
      }
      case "setAccessors":
        this.secret(m.secretId).bindings[ACCESSOR_ROLE] = m.members.map(serviceAccountMember);
        return {};
      case "setProjectBinding":
        this.projectBindings[m.role] = m.members.map(serviceAccountMember);
        return {};
      default:
        throw new Error(`Unknown state op: ${(m as { op?: unknown }).op}`);
    }
  }

  private secret(id: string): SecretRecord {
    const secret = this.secrets.get(id);
    if (!secret) throw new Error(`No secret ${id}.`);
    return secret;
  }

  private version(secretId: string, version: number | string): VersionRecord {
    const secret = this.secret(secretId);
    const number = version === "latest" ? secret.versions.length : Number(version);
    const found = secret.versions[number - 1];
    if (!Number.isInteger(number) || !found) throw new Error(`No version ${version} of ${secretId}.`);
    return found;
  }
}

function payloadOf(v: GcpFixtureVersion): Buffer {
  if (v.valueBase64 !== undefined) return Buffer.from(v.valueBase64, "base64");
  if (v.value !== undefined) return Buffer.from(v.value, "utf8");
  throw new Error("A version needs value or valueBase64.");
}

function cloneBindings(b: IamBindings): IamBindings {
  return Object.fromEntries(Object.entries(b).map(([role, members]) => [role, members.map(serviceAccountMember)]));
}
