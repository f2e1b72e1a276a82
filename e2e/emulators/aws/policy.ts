// IAM evaluation, reduced to what Keyhold's guide generates: Allow statements with `*`/`?` wildcards (actions
// match case-insensitively, resources case-sensitively, as IAM does), and a trust policy with one principal and
// an optional StringEquals sts:ExternalId condition. No explicit Deny, no other condition keys.
import type { AwsFixtureRole, AwsPolicyStatement } from "./fixture";

function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, ignoreCase ? "is" : "s").test(value);
}

export function isAllowed(statements: readonly AwsPolicyStatement[], action: string, resource: string): boolean {
  return statements.some((s) => s.actions.some((a) => wildcardMatch(a, action, true)) && s.resources.some((r) => wildcardMatch(r, resource)));
}

export function roleStatements(role: AwsFixtureRole): AwsPolicyStatement[] {
  const kms = role.kmsKeys?.length ? [{ actions: ["kms:Decrypt"], resources: role.kmsKeys }] : [];
  return [...role.permissions, ...kms];
}

export interface Caller {
  /** e.g. arn:aws:iam::111122223333:user/keyhold-platform or arn:aws:sts::123456789012:assumed-role/r/s */
  arn: string;
  accountId: string;
  /** For assumed-role sessions: the role's ARN, which a trust policy may name. */
  roleArn?: string;
}

/** Whether the role's trust policy lets this caller assume it with this External ID. */
export function trustAllows(role: AwsFixtureRole, caller: Caller, externalId: string | undefined): boolean {
  const rootOf = /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(role.trustedPrincipal);
  const principalOk = rootOf ? rootOf[1] === caller.accountId : role.trustedPrincipal === caller.arn || role.trustedPrincipal === caller.roleArn;
  const externalIdOk = role.externalId === undefined || role.externalId === externalId;
  return principalOk && externalIdOk;
}

/** IAM's wording, which customers paste into support tickets; the provider only relies on the error code. */
export function notAuthorizedMessage(callerArn: string, action: string, resource?: string): string {
  const on = resource && resource !== "*" ? ` on resource: ${resource}` : "";
  return `User: ${callerArn} is not authorized to perform: ${action}${on} because no identity-based policy allows the ${action} action`;
}
