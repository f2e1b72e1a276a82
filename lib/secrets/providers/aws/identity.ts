// Names AWS sees for a Keyhold owner. The External ID format is a contract customers have already written into
// their trust policies (DESIGN.md), so it must never change.
import type { ProviderOwner } from "@/lib/secrets/types";

export function externalIdFor(owner: ProviderOwner): string {
  return owner.projectId === undefined
    ? `workato_iam_external_id_${owner.workspaceId}`
    : `workato_iam_external_id_${owner.workspaceId}_${owner.projectId}`;
}

/**
 * The AssumeRole session name: it shows in the customer's CloudTrail, so it names the owner. STS allows
 * `[\w+=,.@-]{2,64}`; numeric ids keep it well inside that.
 */
export function roleSessionNameFor(owner: ProviderOwner): string {
  const name = owner.projectId === undefined
    ? `keyhold-w${owner.workspaceId}`
    : `keyhold-w${owner.workspaceId}-p${owner.projectId}`;
  return name.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}

/** `arn:aws:iam::123456789012:role/path/name` → `name`, what `aws iam get-role --role-name` takes. */
export function roleNameFromArn(roleArn: string): string {
  return roleArn.slice(roleArn.indexOf(":role/") + ":role/".length).split("/").pop() || roleArn;
}

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

const SECRET_ARN = /^arn:(aws[\w-]*):secretsmanager:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):secret:([A-Za-z0-9/_+=.@-]+)-[A-Za-z0-9]{6}$/;

export function parseSecretArn(arn: string): SecretArnParts | undefined {
  const m = SECRET_ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, region: m[2]!, accountId: m[3]!, name: m[4]! };
}
