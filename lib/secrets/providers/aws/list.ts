// The secret browser and the "Test" button: ListSecrets in the configured region, through the same role
// session as real use. Key names (includeKeys) cost one GetSecretValue per secret; the values are parsed only
// to read the key names and are dropped at once.
import { GetSecretValueCommand, ListSecretsCommand } from "@aws-sdk/client-secrets-manager";
import { runProviderTest } from "@/lib/secrets/provider-test-steps";
import { awsSecretNameFromArn } from "@/lib/secrets/references";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { ListSecretsOptions, ListSecretsPage, ProviderTestOptions, ProviderTestResult, SecretListing, SecretRef } from "@/lib/secrets/types";
import type { AwsContext } from "./client";
import { SM } from "./errors";
import { fetchAwsSecrets } from "./fetch";

const KEY_LOOKUP_CONCURRENCY = 4;

export async function listAwsSecrets(ctx: AwsContext, options: ListSecretsOptions = {}): Promise<ListSecretsPage> {
  const deadline = ctx.deadline();
  const pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? 50)));
  const out = await ctx.run("ListSecrets", async (signal) =>
    (await ctx.client(ctx.region, signal)).send(
      new ListSecretsCommand({
        MaxResults: pageSize,
        NextToken: options.pageToken,
        Filters: options.prefix ? [{ Key: "name", Values: [options.prefix] }] : undefined,
      }),
      { abortSignal: signal },
    ),
  );
  const items: SecretListing[] = [];
  for (const s of out.SecretList ?? []) {
    if (!s.Name || !s.ARN) continue;
    items.push({ name: s.Name, id: s.ARN, updatedAt: (s.LastChangedDate ?? s.CreatedDate)?.toISOString() });
  }
  if (options.includeKeys) await addKeyNames(ctx, items, deadline);
  return { items, ...(out.NextToken ? { nextPageToken: out.NextToken } : {}) };
}

async function addKeyNames(ctx: AwsContext, items: SecretListing[], deadline: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && Date.now() < deadline) {
      const item = items[next++]!;
      item.keys = await keyNamesOf(ctx, item.id, deadline);
    }
  };
  await Promise.all(Array.from({ length: KEY_LOOKUP_CONCURRENCY }, worker));
}

/** JSON object keys of the secret's current value; undefined for plain text, binary or a refused read. */
async function keyNamesOf(ctx: AwsContext, arn: string, deadline: number): Promise<string[] | undefined> {
  try {
    const out = await ctx.run(
      "GetSecretValue",
      async (signal) => (await ctx.client(ctx.region, signal)).send(new GetSecretValueCommand({ SecretId: arn }), { abortSignal: signal }),
      { secretArn: arn, deadline },
    );
    if (out.SecretString === undefined) return undefined;
    const parsed: unknown = JSON.parse(out.SecretString);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? Object.keys(parsed) : undefined;
  } catch {
    // Key names are a browsing aid: a secret the role cannot read, or that is not JSON, is listed without them.
    return undefined;
  }
}

export function testAwsProvider(ctx: AwsContext, options: ProviderTestOptions = {}): Promise<ProviderTestResult> {
  const arnOf = (ref: SecretRef) => (ref.kind === "aws" ? ref.arn : secretVersionKey(ref));
  return runProviderTest(
    {
      provider: SM,
      auth: {
        label: "Assume role",
        needs: `a trust policy letting Keyhold's account assume ${ctx.roleArn} with External ID ${ctx.externalId}`,
        // A fresh AssumeRole, not the cached session: "Test" must prove today's trust policy still lets us in.
        run: async () => {
          await ctx.run("AssumeRole", (signal) => ctx.assume(signal, true));
          return `Assumed ${ctx.roleArn} as ${ctx.session.sessionName}`;
        },
      },
      list: {
        label: `List secrets in ${ctx.region}`,
        needs: 'secretsmanager:ListSecrets on "*"',
        run: async () => {
          const out = await ctx.run("ListSecrets", async (signal) =>
            (await ctx.client(ctx.region, signal)).send(new ListSecretsCommand({ MaxResults: 100 }), { abortSignal: signal }),
          );
          return (out.SecretList ?? []).flatMap((s) => (s.Name ? [s.Name] : []));
        },
        describeEmpty: () =>
          `0 secrets visible in region ${ctx.region}, the region this configuration lists. References are read in the region their ARN names, so secrets elsewhere still resolve; check the region if you expected secrets here.`,
      },
      read: {
        name: (ref) => (ref.kind === "aws" ? awsSecretNameFromArn(ref.arn) : arnOf(ref)),
        needs: (ref) => `secretsmanager:GetSecretValue on ${arnOf(ref)} (BatchGetSecretValue on "*" optional)`,
        fetch: (refs) => fetchAwsSecrets(ctx, refs),
        note: () =>
          ctx.batchReads.batchDenied
            ? "Read with GetSecretValue: the role lacks the optional secretsmanager:BatchGetSecretValue (one call per secret)."
            : undefined,
      },
    },
    options.reads,
  );
}
