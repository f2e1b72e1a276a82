// Metadata for AWS: one DescribeSecret per secret in use (VersionIdsToStages, rotation and deletion dates),
// never GetSecretValue. ListSecrets would cost ceil(M/100) calls for M visible secrets, but AWS documents that
// it may not reflect changes of the last few minutes, so it cannot meet the poll-interval latency target; the
// cost model and the choice are in docs/rotation.md. Each call runs under the provider's retry budget and one
// deadline per poll; calls fan out with bounded concurrency.
import { DescribeSecretCommand, type DescribeSecretResponse } from "@aws-sdk/client-secrets-manager";
import { SecretsError, providerError } from "@/lib/secrets/errors";
import { mapLimit } from "@/lib/secrets/map-limit";
import { callCounter, isoOf, type MetadataOutcome, type MetadataReport, type SecretMetadata } from "@/lib/secrets/metadata";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import { parseSecretArn } from "@/lib/secrets/contracts/aws-arn";
import type { SecretRef } from "@/lib/secrets/types";
import type { AwsContext } from "./client";
import { SM } from "./errors";

/** DescribeSecret shares GetSecretValue's generous quota; 16 in flight hides latency without bursts. */
export const DESCRIBE_CONCURRENCY = 32;

export async function readAwsMetadata(ctx: AwsContext, refs: readonly SecretRef[]): Promise<MetadataReport> {
  const { calls, count } = callCounter();
  const results = new Map<string, MetadataOutcome>();
  const arns = new Map<string, string>();
  for (const ref of refs) if (ref.kind === "aws") arns.set(secretVersionKey(ref), ref.arn);
  // A poll gets the overall budget of one provider operation per batch of DESCRIBE_CONCURRENCY secrets, so a
  // large poll is not cut short while one stuck call still cannot hold the poller forever.
  const deadline = Date.now() + ctx.overallTimeoutMs() * Math.max(1, Math.ceil(arns.size / DESCRIBE_CONCURRENCY));
  await mapLimit([...arns], DESCRIBE_CONCURRENCY, async ([key, arn]) => {
    results.set(key, await describeOne(ctx, arn, deadline, count));
  });
  return { results, strategy: "describe", calls };
}

async function describeOne(ctx: AwsContext, arn: string, deadline: number, count: (op: string) => void): Promise<MetadataOutcome> {
  const region = parseSecretArn(arn)?.region ?? ctx.region;
  try {
    const out = await ctx.run(
      "DescribeSecret",
      async (signal) => {
        count("DescribeSecret");
        return (await ctx.client(region, signal)).send(new DescribeSecretCommand({ SecretId: arn }), { abortSignal: signal });
      },
      { secretArn: arn, deadline },
    );
    return { ok: true, metadata: awsMetadataOf(out) };
  } catch (err) {
    const error = err instanceof SecretsError ? err : providerError(SM, err instanceof Error ? err.name : "error");
    if (error.code === "not_found") return { ok: true, metadata: { exists: false } };
    return { ok: false, error };
  }
}

export function awsMetadataOf(
  out: Pick<DescribeSecretResponse, "VersionIdsToStages" | "RotationEnabled" | "LastRotatedDate" | "LastChangedDate" | "NextRotationDate" | "DeletedDate">,
): SecretMetadata {
  const stages = Object.entries(out.VersionIdsToStages ?? {});
  const current = stages.find(([, labels]) => labels.includes("AWSCURRENT"))?.[0];
  const pending = stages.find(([, labels]) => labels.includes("AWSPENDING") && !labels.includes("AWSCURRENT"))?.[0];
  return {
    exists: true,
    ...(current ? { version: current } : {}),
    ...(pending ? { pendingVersion: pending } : {}),
    ...(out.RotationEnabled !== undefined ? { rotationEnabled: out.RotationEnabled } : {}),
    ...optionalIso("lastChangedAt", out.LastChangedDate),
    ...optionalIso("lastRotatedAt", out.LastRotatedDate),
    ...optionalIso("nextRotationAt", out.NextRotationDate),
    ...optionalIso("deletionAt", out.DeletedDate),
  };
}

function optionalIso<K extends string>(key: K, value: Date | undefined): Partial<Record<K, string>> {
  const iso = isoOf(value);
  return iso ? ({ [key]: iso } as Record<K, string>) : {};
}
