// Reads one chunk of at most 20 ARNs of one region: BatchGetSecretValue when the configuration may batch, else
// (or when the batch is refused as a whole) GetSecretValue per secret, through the configuration's limiter, the
// chunk's reads sharing one deadline as its batch would have (batch-reads.ts). Each outcome lands in `results` under the secret's version key.
import { type BatchGetSecretValueCommandOutput, BatchGetSecretValueCommand, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { providerError, SecretsError, timedOut } from "@/lib/secrets/errors";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { FetchOutcome, SecretPayload } from "@/lib/secrets/types";
import { classifyBatchEntry } from "./batch-errors";
import type { BatchVerdict } from "./batch-reads";
import type { AwsContext } from "./client";
import { SM } from "./errors";

export interface ChunkRead {
  region: string;
  arns: string[];
  deadline: number;
  results: Map<string, FetchOutcome>;
  /** ARNs whose KMS key could not decrypt (DecryptionFailure), for the enriched message. */
  unusableKeys: Set<string>;
}

export async function readChunk(ctx: AwsContext, read: ChunkRead): Promise<void> {
  const oneByOne = await ctx.batchReads.readOneByOne(() => readBatch(ctx, read));
  if (!oneByOne) return;
  // The chunk's reads share one deadline, as its batch would have: counted from when the first of them is sent,
  // so chunks queued behind others in this configuration's limiter are not failed for the time they waited.
  let deadline: number | undefined;
  await Promise.all(
    read.arns.map((arn) =>
      ctx.singleReads.run(() => {
        deadline ??= Math.max(read.deadline, Date.now() + ctx.overallTimeoutMs());
        return readOne(ctx, { ...read, deadline }, arn);
      }),
    ),
  );
}

async function readBatch(ctx: AwsContext, { region, arns, deadline, results, unusableKeys }: ChunkRead): Promise<BatchVerdict> {
  let out: BatchGetSecretValueCommandOutput;
  try {
    out = await ctx.run(
      "BatchGetSecretValue",
      async (signal) => (await ctx.client(region, signal)).send(new BatchGetSecretValueCommand({ SecretIdList: arns }), { abortSignal: signal }),
      { secretArn: arns.length === 1 ? arns[0] : undefined, deadline },
    );
  } catch (err) {
    const error = err instanceof SecretsError ? err : providerError(SM, String(err));
    // A whole batch refused is the missing BatchGetSecretValue on "*"; per-secret denials come in Errors[].
    if (error.code === "aws_access_denied") return "denied";
    for (const arn of arns) results.set(awsKey(arn), { ok: false, error });
    return "failed";
  }
  const values = new Map((out.SecretValues ?? []).map((v) => [v.ARN, v]));
  const errors = new Map((out.Errors ?? []).map((e) => [e.SecretId, e]));
  for (const arn of arns) {
    const value = values.get(arn);
    const failure = errors.get(arn);
    if (value) {
      results.set(awsKey(arn), outcomeOf(value.SecretString, value.SecretBinary));
    } else if (failure) {
      if (failure.ErrorCode === "DecryptionFailure") unusableKeys.add(arn);
      results.set(awsKey(arn), {
        ok: false,
        error: classifyBatchEntry(failure.ErrorCode ?? "", failure.Message ?? "", { roleArn: ctx.roleArn, secretArn: arn }),
      });
    } else {
      results.set(awsKey(arn), { ok: false, error: providerError(SM, "BatchGetSecretValue returned no result for the secret") });
    }
  }
  return "served";
}

async function readOne(ctx: AwsContext, { region, deadline, results, unusableKeys }: ChunkRead, arn: string): Promise<void> {
  if (Date.now() >= deadline) {
    results.set(awsKey(arn), { ok: false, error: timedOut(SM, ctx.overallTimeoutMs()) });
    return;
  }
  try {
    const out = await ctx.run(
      "GetSecretValue",
      async (signal) => {
        try {
          return await (await ctx.client(region, signal)).send(new GetSecretValueCommand({ SecretId: arn }), { abortSignal: signal });
        } catch (err) {
          if ((err as { name?: string }).name === "DecryptionFailure") unusableKeys.add(arn);
          throw err;
        }
      },
      { secretArn: arn, deadline },
    );
    results.set(awsKey(arn), outcomeOf(out.SecretString, out.SecretBinary));
  } catch (err) {
    results.set(awsKey(arn), { ok: false, error: err instanceof SecretsError ? err : providerError(SM, String(err)) });
  }
}

function outcomeOf(text: string | undefined, binary: Uint8Array | undefined): FetchOutcome {
  const payload: SecretPayload | undefined = text !== undefined ? { text } : binary !== undefined ? { binary } : undefined;
  return payload ? { ok: true, payload } : { ok: false, error: providerError(SM, "the secret has no value") };
}

export const awsKey = (arn: string) => secretVersionKey({ kind: "aws", key: "", arn });
