// fetchSecrets for AWS: each distinct ARN once, grouped by the ARN's region, in chunks of at most 20 ids (the
// BatchGetSecretValue limit) read by read-chunk.ts (batched, or one by one for a role without that action).
// Not-found and KMS errors are then enriched (closest names, the key's ARN) on a best-effort basis within the
// same deadline.
import { DescribeSecretCommand } from "@aws-sdk/client-secrets-manager";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { FetchOutcome, SecretRef } from "@/lib/secrets/types";
import type { AwsContext } from "./client";
import { invalidSecretArn, kmsDecryptDenied, secretNotFound } from "./errors";
import { awsKey, readChunk } from "./read-chunk";
import { parseSecretArn } from "@/lib/secrets/contracts/aws-arn";
import { closestNames } from "@/lib/secrets/closest-names";
import { listNamesForSuggestions } from "./suggestions";

export const BATCH_LIMIT = 20;

export async function fetchAwsSecrets(ctx: AwsContext, refs: readonly SecretRef[]): Promise<Map<string, FetchOutcome>> {
  const results = new Map<string, FetchOutcome>();
  const byRegion = new Map<string, string[]>();
  for (const ref of refs) {
    const key = secretVersionKey(ref);
    if (results.has(key)) continue;
    if (ref.kind !== "aws") {
      results.set(key, { ok: false, error: invalidSecretArn(key) });
      continue;
    }
    const parts = parseSecretArn(ref.arn);
    if (!parts) {
      results.set(key, { ok: false, error: invalidSecretArn(ref.arn) });
      continue;
    }
    const arns = byRegion.get(parts.region) ?? [];
    if (!arns.includes(ref.arn)) arns.push(ref.arn);
    byRegion.set(parts.region, arns);
  }

  const deadline = ctx.deadline();
  const unusableKeys = new Set<string>();
  const chunks = [...byRegion].flatMap(([region, arns]) =>
    chunk(arns, BATCH_LIMIT).map((ids) => readChunk(ctx, { region, arns: ids, deadline, results, unusableKeys })),
  );
  await Promise.all(chunks);
  await enrichFailures(ctx, [...byRegion.values()].flat(), results, unusableKeys, deadline);
  return results;
}

/** Adds the closest names to not-found errors and the key ARN to KMS errors, if time and permissions allow. */
async function enrichFailures(
  ctx: AwsContext,
  arns: readonly string[],
  results: Map<string, FetchOutcome>,
  unusableKeys: Set<string>,
  deadline: number,
): Promise<void> {
  const namesByRegion = new Map<string, Promise<string[]>>();
  const jobs: Array<Promise<void>> = [];
  for (const arn of arns) {
    const key = awsKey(arn);
    const outcome = results.get(key);
    const parts = parseSecretArn(arn);
    if (!outcome || outcome.ok || !parts) continue;
    if (outcome.error.code === "not_found") {
      if (!namesByRegion.has(parts.region)) namesByRegion.set(parts.region, listNamesForSuggestions(ctx, parts.region, deadline));
      jobs.push(
        namesByRegion.get(parts.region)!.then((names) => {
          const suggestions = closestNames(parts.name, names);
          if (suggestions.length) results.set(key, { ok: false, error: secretNotFound(arn, suggestions) });
        }),
      );
    } else if (outcome.error.code === "aws_kms_decrypt_denied") {
      jobs.push(
        kmsKeyOf(ctx, parts.region, arn, deadline).then((kmsKeyId) => {
          if (!kmsKeyId) return;
          const detail = { kmsKeyId, keyUnusable: unusableKeys.has(arn) };
          results.set(key, { ok: false, error: kmsDecryptDenied(ctx.errorContext("GetSecretValue", arn), detail) });
        }),
      );
    }
  }
  await Promise.all(jobs);
}

async function kmsKeyOf(ctx: AwsContext, region: string, arn: string, deadline: number): Promise<string | undefined> {
  if (Date.now() >= deadline) return undefined;
  try {
    const out = await ctx.run(
      "DescribeSecret",
      async (signal) => (await ctx.client(region, signal)).send(new DescribeSecretCommand({ SecretId: arn }), { abortSignal: signal }),
      { secretArn: arn, deadline },
    );
    return out.KmsKeyId;
  } catch {
    return undefined; // DescribeSecret is optional in the guide's policy; the error stands without the key
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
