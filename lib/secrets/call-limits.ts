// How each provider's reads are grouped into calls and how fast they may go (docs/cache.md, "Call limits").
// Rates default to half of the provider's published read quota, because that quota belongs to the
// customer's account (or vault, or project) and is shared with their other applications:
//   AWS Secrets Manager: BatchGetSecretValue 100 requests/s per Region (GetSecretValue 10,000/s).
//   Azure Key Vault: 4,000 secret transactions per 10 s per vault per region.
//   Google Secret Manager: 90,000 access requests per minute per project.
//   HashiCorp Vault: no published quota (operators may configure rate-limit quotas); no client-side rate.
// A configuration may override any of these (ConfigHandle.limits).
import { parseSecretArn } from "./contracts/aws-arn";
import type { CallLimits } from "./limiter";
import type { ProviderKind, SecretRef } from "./types";

export interface Batching {
  /** References per fetchSecrets call. */
  size: number;
  /** References that may share one call (AWS: one Region per BatchGetSecretValue). */
  group: (ref: SecretRef) => string;
  /** Provider requests one call of `refs` references costs. */
  cost: (refs: number) => number;
}

export interface ProviderCallPolicy {
  limits: CallLimits;
  batching: Batching;
}

const oneGroup = () => "";
const perReference = (refs: number) => refs;

export const PROVIDER_CALL_POLICIES: Readonly<Record<ProviderKind, ProviderCallPolicy>> = {
  aws: {
    limits: { maxInFlight: 20, ratePerSecond: 50, burst: 20 },
    batching: {
      size: 20, // BatchGetSecretValue's SecretIdList limit
      group: (ref) => (ref.kind === "aws" ? (parseSecretArn(ref.arn)?.region ?? "") : ""),
      cost: () => 1,
    },
  },
  azure: { limits: { maxInFlight: 20, ratePerSecond: 200, burst: 20 }, batching: { size: 10, group: oneGroup, cost: perReference } },
  gcp: { limits: { maxInFlight: 20, ratePerSecond: 750, burst: 20 }, batching: { size: 10, group: oneGroup, cost: perReference } },
  vault: { limits: { maxInFlight: 20, ratePerSecond: Number.POSITIVE_INFINITY, burst: 20 }, batching: { size: 10, group: oneGroup, cost: perReference } },
};

export function callPolicyFor(kind: ProviderKind, overrides?: Partial<CallLimits>): ProviderCallPolicy {
  const base = PROVIDER_CALL_POLICIES[kind];
  return overrides ? { ...base, limits: { ...base.limits, ...overrides } } : base;
}
