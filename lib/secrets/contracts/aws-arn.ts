// What an AWS ARN looks like to Keyhold: role ARNs (the provider form, the guide), secret ARNs (the reference
// grammar, fetch grouping by region, error texts). One definition, so the form, the grammar and the provider
// never disagree about which ARNs exist. See docs/formats.md.

export const AWS_PARTITIONS: readonly string[] = ["aws", "aws-cn", "aws-us-gov"];
export const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}$/;
/** The "-XXXXXX" AWS appends to a secret's name in its ARN. */
export const SECRET_ARN_SUFFIX = /-[A-Za-z0-9]{6}$/;
export const SECRET_ARN_SUFFIX_LENGTH = 7;
export const SECRET_NAME_MAX = 512;
/** Characters of an AWS secret name (and of reference keys, which must be able to name any secret). */
export const SECRET_NAME_CHAR = /^[A-Za-z0-9_.@/+=-]$/;
export const SECRET_ARN_FORMAT = "arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>-<6 characters>";

export const ROLE_ARN_MESSAGE = "Enter a role ARN like arn:aws:iam::123456789012:role/keyhold.";
export const ROLE_ARN_PATTERN = /^arn:aws(-cn|-us-gov)?:iam::(\d{12}):role\/([\w+=,.@/-]{1,512})$/;

export function parseRoleArn(arn: string): { accountId: string; roleName: string } | null {
  const m = ROLE_ARN_PATTERN.exec(arn);
  if (!m) return null;
  const path = m[3]!;
  return { accountId: m[2]!, roleName: path.slice(path.lastIndexOf("/") + 1) };
}

/**
 * `arn:aws:iam::123456789012:role/path/name` → `name`, what `aws iam get-role --role-name` takes. Error texts
 * also name roles of ARNs the form would refuse today (older configurations), hence the lenient fallback.
 */
export function roleNameFromArn(roleArn: string): string {
  const parsed = parseRoleArn(roleArn);
  if (parsed) return parsed.roleName;
  return (
    roleArn
      .slice(roleArn.indexOf(":role/") + ":role/".length)
      .split("/")
      .pop() || roleArn
  );
}

/** The account of any ARN that names one. */
export function accountOfArn(arn: string): string | undefined {
  return /^arn:[\w-]+:[\w-]+:[\w-]*:(\d{12}):/.exec(arn)?.[1];
}

export interface SecretArnParts {
  partition: string;
  region: string;
  accountId: string;
  /** The secret's name, without the 6-character suffix AWS appends. */
  name: string;
}

const SECRET_ARN = /^arn:([\w-]+):secretsmanager:([a-z0-9-]+):(\d{12}):secret:([A-Za-z0-9/_+=.@-]+)-[A-Za-z0-9]{6}$/;

/** The parts of a secret ARN, or undefined when it is not one (the reference grammar explains why, by column). */
export function parseSecretArn(arn: string): SecretArnParts | undefined {
  const m = SECRET_ARN.exec(arn);
  if (!m || !AWS_PARTITIONS.includes(m[1]!) || !AWS_REGION.test(m[2]!)) return undefined;
  return { partition: m[1]!, region: m[2]!, accountId: m[3]!, name: m[4]! };
}
