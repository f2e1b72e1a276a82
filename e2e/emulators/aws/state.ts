// The emulator's mutable world: secrets with their versions and staging labels, roles with their current
// policies, and the temporary credentials AssumeRole issued. Mutations arrive from tests (setState) or from
// POST /_emulator/state; `reset` returns to the fixture but keeps issued sessions, as rotating a policy in real
// AWS does not revoke sessions either.
import { randomBytes, randomUUID } from "node:crypto";
import { secretArnOf, type AwsFixture, type AwsFixtureRole, type AwsFixtureSecret, type AwsPolicyStatement } from "./fixture";
import { ListLag } from "./list-lag";
import { applyRotationMutation, ROTATION_OPS, type AwsRotationMutation } from "./rotation-ops";

export interface SecretVersion {
  versionId: string;
  stages: string[];
  secretString?: string;
  secretBinary?: Buffer;
  createdDate: number;
}

export interface SecretRecord {
  name: string;
  arn: string;
  region: string;
  accountId: string;
  description?: string;
  kmsKeyId?: string;
  createdDate: number;
  lastChangedDate: number;
  versions: SecretVersion[];
  /** Rotation and deletion (rotation-ops.ts); absent = never configured. */
  rotationEnabled?: boolean;
  rotationDays?: number;
  lastRotatedDate?: number;
  nextRotationDate?: number;
  /** Scheduled deletion date: reads fail, ListSecrets hides the secret unless IncludePlannedDeletion. */
  deletedDate?: number;
}

interface IssuedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  roleArn: string;
  sessionName: string;
  /** arn:aws:sts::<account>:assumed-role/<role name>/<session name> */
  assumedRoleArn: string;
}

export type AwsStateMutation =
  | { op: "putSecretValue"; name: string; secretString?: string; secretBinary?: string }
  | { op: "setRolePermissions"; roleArn: string; permissions: AwsPolicyStatement[]; kmsKeys?: string[] }
  | { op: "setRoleTrust"; roleArn: string; trustedPrincipal?: string; externalId?: string | null }
  | { op: "deleteSecret"; name: string }
  | ({ op: "createSecret" } & Omit<AwsFixtureSecret, "createdDate">)
  /** ListSecrets shows the secrets as they were `seconds` ago (0 = current); reads by id are not delayed. */
  | { op: "setListLag"; seconds: number }
  | AwsRotationMutation
  | { op: "reset" };

const DEFAULT_CREATED = Date.parse("2024-01-01T00:00:00Z");

export class AwsEmulatorState {
  secrets: SecretRecord[] = [];
  roles = new Map<string, AwsFixtureRole>();
  readonly sessions = new Map<string, IssuedSession>();
  private readonly listLag = new ListLag();

  constructor(private readonly fixture: AwsFixture) {
    this.load();
  }

  private load(): void {
    const copy = structuredClone(this.fixture);
    this.roles = new Map(copy.roles.map((r) => [r.arn, r]));
    this.secrets = copy.secrets.map((s) => recordOf(s, s.createdDate ? Date.parse(s.createdDate) : DEFAULT_CREATED));
  }

  get platform() {
    return this.fixture.platform;
  }

  /** What ListSecrets (and BatchGetSecretValue's Filters form) sees, which may lag behind (list-lag.ts). */
  listedSecrets(): SecretRecord[] {
    return this.listLag.view(this.secrets);
  }

  isKmsKeyDisabled(keyId: string): boolean {
    return this.fixture.disabledKmsKeys?.includes(keyId) ?? false;
  }

  /**
   * Resolves a SecretId as Secrets Manager does: a full ARN (with the random suffix), a partial ARN (without
   * it), or a name, always within the region and account the request was signed for.
   */
  // Full-ARN reads are indexed: the scaling bench reads 20,000 secrets out of 22,000, and a linear scan per id
  // made the in-process emulator the bottleneck. Rebuilt whenever the list changes (push or replace).
  private arnIndex?: { source: SecretRecord[]; length: number; byArn: Map<string, SecretRecord> };

  private secretByArn(arn: string): SecretRecord | undefined {
    const index = this.arnIndex;
    if (!index || index.source !== this.secrets || index.length !== this.secrets.length) {
      this.arnIndex = { source: this.secrets, length: this.secrets.length, byArn: new Map(this.secrets.map((s) => [s.arn, s])) };
    }
    return this.arnIndex!.byArn.get(arn);
  }

  findSecret(secretId: string, region: string, accountId: string): SecretRecord | undefined {
    const indexed = secretId.startsWith("arn:") ? this.secretByArn(secretId) : undefined;
    if (indexed && indexed.region === region && indexed.accountId === accountId) return indexed;
    const inScope = this.secrets.filter((s) => s.region === region && s.accountId === accountId);
    if (secretId.startsWith("arn:")) {
      return inScope.find((s) => s.arn === secretId) ?? inScope.find((s) => s.arn.slice(0, -7) === secretId);
    }
    return inScope.find((s) => s.name === secretId);
  }

  issueSession(roleArn: string, sessionName: string, durationSeconds: number): IssuedSession {
    const roleName = roleArn.split("/").pop() ?? roleArn;
    const account = roleArn.split(":")[4] ?? "";
    const session: IssuedSession = {
      accessKeyId: `ASIA${randomBytes(12)
        .toString("base64url")
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, "X")
        .slice(0, 16)}`,
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(96).toString("base64")}`,
      expiresAt: Math.floor(Date.now() / 1000 + durationSeconds) * 1000,
      roleArn,
      sessionName,
      assumedRoleArn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  apply(mutation: AwsStateMutation): void {
    if (["putSecretValue", "deleteSecret", "createSecret", ...ROTATION_OPS].includes(mutation.op)) this.listLag.recordChange(this.secrets);
    switch (mutation.op) {
      case "setRotation":
      case "rotateSecret":
      case "scheduleDeletion":
      case "restoreSecret": {
        const secret = this.secrets.find((s) => s.name === mutation.name || s.arn === mutation.name);
        if (!secret) throw new Error(`no secret ${mutation.name}`);
        return applyRotationMutation(secret, mutation);
      }
      case "reset":
        this.listLag.clear();
        return this.load();
      case "setListLag":
        return this.listLag.set(mutation.seconds);
      case "createSecret": {
        const { op: _op, ...secret } = mutation;
        if ((secret.secretString === undefined) === (secret.secretBinary === undefined)) {
          throw new Error("createSecret needs exactly one of secretString / secretBinary");
        }
        if (this.secrets.some((s) => s.name === secret.name && s.region === secret.region && s.accountId === secret.accountId)) {
          throw new Error(`secret ${secret.name} already exists`);
        }
        this.secrets.push(recordOf(secret, Date.now()));
        return;
      }
      case "putSecretValue":
        return this.putSecretValue(mutation);
      case "deleteSecret": {
        const before = this.secrets.length;
        this.secrets = this.secrets.filter((s) => s.name !== mutation.name && s.arn !== mutation.name);
        if (this.secrets.length === before) throw new Error(`no secret ${mutation.name}`);
        return;
      }
      case "setRolePermissions": {
        const role = this.requireRole(mutation.roleArn);
        role.permissions = structuredClone(mutation.permissions);
        role.kmsKeys = mutation.kmsKeys;
        return;
      }
      case "setRoleTrust": {
        const role = this.requireRole(mutation.roleArn);
        if (mutation.trustedPrincipal !== undefined) role.trustedPrincipal = mutation.trustedPrincipal;
        if (mutation.externalId !== undefined) role.externalId = mutation.externalId ?? undefined;
        return;
      }
      default:
        throw new Error(`unknown state op ${(mutation as { op?: unknown }).op}`);
    }
  }

  private putSecretValue(m: Extract<AwsStateMutation, { op: "putSecretValue" }>): void {
    const secret = this.secrets.find((s) => s.name === m.name || s.arn === m.name);
    if (!secret) throw new Error(`no secret ${m.name}`);
    if ((m.secretString === undefined) === (m.secretBinary === undefined)) {
      throw new Error("putSecretValue needs exactly one of secretString / secretBinary");
    }
    // Staging labels move as PutSecretValue moves them: the old AWSCURRENT becomes AWSPREVIOUS.
    for (const v of secret.versions) {
      v.stages = v.stages.filter((s) => s !== "AWSPREVIOUS");
      if (v.stages.includes("AWSCURRENT")) v.stages = [...v.stages.filter((s) => s !== "AWSCURRENT"), "AWSPREVIOUS"];
    }
    secret.versions = secret.versions.filter((v) => v.stages.length > 0);
    const now = Date.now();
    secret.versions.push({
      versionId: randomUUID(),
      stages: ["AWSCURRENT"],
      secretString: m.secretString,
      secretBinary: m.secretBinary === undefined ? undefined : Buffer.from(m.secretBinary, "base64"),
      createdDate: now,
    });
    secret.lastChangedDate = now;
  }

  private requireRole(arn: string): AwsFixtureRole {
    const role = this.roles.get(arn);
    if (!role) throw new Error(`no role ${arn}`);
    return role;
  }
}

function recordOf(s: Omit<AwsFixtureSecret, "createdDate">, created: number): SecretRecord {
  return {
    name: s.name,
    arn: secretArnOf(s),
    region: s.region,
    accountId: s.accountId,
    description: s.description,
    kmsKeyId: s.kmsKeyId,
    createdDate: created,
    lastChangedDate: created,
    versions: [
      {
        versionId: randomUUID(),
        stages: ["AWSCURRENT"],
        secretString: s.secretString,
        secretBinary: s.secretBinary === undefined ? undefined : Buffer.from(s.secretBinary, "base64"),
        createdDate: created,
      },
    ],
  };
}
