// The secret browser and the "Test" button: ListSecrets in the configured region, through the same role
// session as real use. Key names (includeKeys) cost one GetSecretValue per secret; the values are parsed only
// to read the key names and are dropped at once.
import { GetSecretValueCommand, ListSecretsCommand } from "@aws-sdk/client-secrets-manager";
import type { ListSecretsOptions, ListSecretsPage, ProviderTestResult, SecretListing } from "@/lib/secrets/types";
import type { AwsContext } from "./client";

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

export async function testAwsProvider(ctx: AwsContext): Promise<ProviderTestResult> {
  // A fresh AssumeRole, not the cached session: "Test" must prove today's trust policy still lets us in.
  await ctx.run("AssumeRole", (signal) => ctx.assume(signal, true));
  const out = await ctx.run("ListSecrets", async (signal) =>
    (await ctx.client(ctx.region, signal)).send(new ListSecretsCommand({ MaxResults: 100 }), { abortSignal: signal }),
  );
  const names = (out.SecretList ?? []).flatMap((s) => (s.Name ? [s.Name] : []));
  return {
    secretCount: names.length,
    sampleNames: names.slice(0, 5),
    identity: `Assumed ${ctx.roleArn} as ${ctx.session.sessionName}`,
  };
}
