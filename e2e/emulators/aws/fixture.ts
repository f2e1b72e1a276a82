// The emulator's world: one platform identity (Keyhold's own AWS account), the customer roles it may assume,
// and the customer's secrets. JSON on disk so the demo and Playwright can share it; validated by hand because
// emulators use Node built-ins only.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

/** An IAM permission statement (Effect Allow only): `*` and `?` wildcards as IAM matches them. */
export interface AwsPolicyStatement {
  actions: string[];
  resources: string[];
}

export interface AwsFixturePlatform {
  /** Keyhold's own account, e.g. "111122223333". */
  accountId: string;
  /** Long-term keys of an IAM user in that account (AKIA...). */
  accessKeyId: string;
  secretAccessKey: string;
  /** IAM user name; default "keyhold-platform". */
  userName?: string;
  /** The user's own identity policy; AssumeRole is always allowed to it. */
  permissions?: AwsPolicyStatement[];
}

export interface AwsFixtureRole {
  /** arn:aws:iam::<account>:role/<path/name> */
  arn: string;
  /** Trust policy principal: an account root ARN (any principal of that account) or one exact principal ARN. */
  trustedPrincipal: string;
  /** Trust policy condition StringEquals sts:ExternalId; absent = no condition. */
  externalId?: string;
  permissions: AwsPolicyStatement[];
  /** Shorthand for a `kms:Decrypt` statement on these key ARNs. */
  kmsKeys?: string[];
  /** MaxSessionDuration of the role; default 3600. */
  maxSessionDurationSeconds?: number;
}

export interface AwsFixtureSecret {
  name: string;
  region: string;
  accountId: string;
  /** The 6 random characters AWS appends to the ARN; derived from the name when absent. */
  arnSuffix?: string;
  description?: string;
  /** Exactly one of secretString / secretBinary (base64). */
  secretString?: string;
  secretBinary?: string;
  /** Customer-managed key ARN; absent = the AWS managed key aws/secretsmanager. */
  kmsKeyId?: string;
  /** ISO date; default 2024-01-01T00:00:00Z. */
  createdDate?: string;
}

export interface AwsFixture {
  platform: AwsFixturePlatform;
  roles: AwsFixtureRole[];
  secrets: AwsFixtureSecret[];
  /** Keys that are disabled or pending deletion: reads fail with DecryptionFailure. */
  disabledKmsKeys?: string[];
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const ACCOUNT = /^\d{12}$/;
const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The ARN AWS would give this secret: `arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>`. */
export function secretArnOf(secret: AwsFixtureSecret): string {
  const suffix = secret.arnSuffix ?? derivedSuffix(`${secret.accountId}/${secret.region}/${secret.name}`);
  return `arn:aws:secretsmanager:${secret.region}:${secret.accountId}:secret:${secret.name}-${suffix}`;
}

function derivedSuffix(seed: string): string {
  const digest = createHash("sha256").update(seed).digest();
  let out = "";
  for (let i = 0; i < 6; i++) out += SUFFIX_ALPHABET[digest[i]! % SUFFIX_ALPHABET.length];
  return out;
}

export async function loadAwsFixture(path: string): Promise<AwsFixture> {
  const parsed: unknown = JSON.parse(await readFile(path, "utf8"));
  return validateAwsFixture(parsed);
}

/** Throws with the first problem found, so a broken fixture fails at start, not mid-test. */
export function validateAwsFixture(value: unknown): AwsFixture {
  const problems: string[] = [];
  const fixture = value as AwsFixture;
  if (!fixture || typeof fixture !== "object") throw new Error("AWS fixture: not an object");
  const p = fixture.platform;
  if (!p || !ACCOUNT.test(p.accountId ?? "")) problems.push("platform.accountId must be 12 digits");
  if (!p?.accessKeyId || !p?.secretAccessKey) problems.push("platform needs accessKeyId and secretAccessKey");
  if (!Array.isArray(fixture.roles)) problems.push("roles must be an array");
  for (const [i, role] of (fixture.roles ?? []).entries()) {
    if (!ROLE_ARN.test(role.arn ?? "")) problems.push(`roles[${i}].arn is not an IAM role ARN`);
    if (typeof role.trustedPrincipal !== "string") problems.push(`roles[${i}].trustedPrincipal missing`);
    if (!Array.isArray(role.permissions)) problems.push(`roles[${i}].permissions must be an array`);
  }
  if (!Array.isArray(fixture.secrets)) problems.push("secrets must be an array");
  const arns = new Set<string>();
  for (const [i, s] of (fixture.secrets ?? []).entries()) {
    if (!SECRET_NAME.test(s.name ?? "")) problems.push(`secrets[${i}].name is not a valid secret name`);
    if (!ACCOUNT.test(s.accountId ?? "")) problems.push(`secrets[${i}].accountId must be 12 digits`);
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(s.region ?? "")) problems.push(`secrets[${i}].region is not a region`);
    if ((s.secretString === undefined) === (s.secretBinary === undefined)) {
      problems.push(`secrets[${i}] needs exactly one of secretString / secretBinary`);
    }
    if (s.arnSuffix !== undefined && !/^[A-Za-z0-9]{6}$/.test(s.arnSuffix)) {
      problems.push(`secrets[${i}].arnSuffix must be 6 letters or digits`);
    }
    const key = `${s.accountId}/${s.region}/${s.name}`;
    if (arns.has(key)) problems.push(`secrets[${i}] duplicates ${s.name} in ${s.region}`);
    arns.add(key);
  }
  if (problems.length) throw new Error(`AWS fixture: ${problems.join("; ")}`);
  return fixture;
}
