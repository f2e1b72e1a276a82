// The secret browser and the "Test" button: one page of ListSecrets per call. A prefix goes to the server as
// `name:<prefix>` (Google's filter matches anywhere in the name), so the page is narrowed to true prefixes
// here. Key names (includeKeys) cost one read per secret; values are parsed for their keys and dropped.
import type { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import { mapLimit } from "@/lib/secrets/map-limit";
import { runProviderTest, tokenProvedByList } from "@/lib/secrets/provider-test-steps";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { ListSecretsOptions, ListSecretsPage, ProviderTestOptions, ProviderTestResult, SecretRef } from "@/lib/secrets/types";
import { accessGcpSecret } from "./access";
import type { GcpContext } from "./client";
import { GCP_PROVIDER } from "./errors";
import { fetchGcpSecrets } from "./fetch";

const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;
const KEY_LOOKUP_CONCURRENCY = 8;

export async function listGcpSecrets(ctx: GcpContext, options: ListSecretsOptions = {}): Promise<ListSecretsPage> {
  const page = await ctx.run(ctx.base, () => listSecretsPage(ctx.sdk(), ctx.projectId, options, ctx.policy.attemptTimeoutMs));
  if (!options.includeKeys) return page;
  const keys = await mapLimit(page.items, KEY_LOOKUP_CONCURRENCY, async (item) => jsonKeys(ctx, item.id));
  return { ...page, items: page.items.map((item, i) => ({ ...item, keys: keys[i] })) };
}

export function testGcpProvider(ctx: GcpContext, options: ProviderTestOptions = {}): Promise<ProviderTestResult> {
  const steps = tokenProvedByList(async () => (await listGcpSecrets(ctx, { pageSize: 50 })).items.map((i) => i.name));
  const idOf = (ref: SecretRef) => (ref.kind === "gcp" ? ref.secretId : secretVersionKey(ref));
  return runProviderTest(
    {
      provider: GCP_PROVIDER,
      auth: {
        label: "Get a token",
        needs: `a valid, enabled key of service account ${ctx.base.email}`,
        run: async () => {
          await steps.token();
          return `Service account ${ctx.base.email} in project ${ctx.projectId}`;
        },
      },
      list: { label: "List secrets", needs: `secretmanager.secrets.list on project ${ctx.projectId}`, run: steps.list },
      read: {
        name: idOf,
        needs: (ref) => `secretmanager.versions.access on projects/${ctx.projectId}/secrets/${idOf(ref)}`,
        fetch: (refs) => fetchGcpSecrets(ctx, refs),
      },
    },
    options.reads,
  );
}

/** JSON key names of a secret's latest value, for the browser; never the values. */
async function jsonKeys(ctx: GcpContext, secretId: string): Promise<string[] | undefined> {
  try {
    const payload = await accessGcpSecret(ctx, { kind: "gcp", secretId });
    if (!("text" in payload)) return undefined;
    const parsed = JSON.parse(payload.text) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? Object.keys(parsed) : undefined;
  } catch {
    return undefined;
  }
}

export async function listSecretsPage(
  client: SecretManagerServiceClient,
  projectId: string,
  options: ListSecretsOptions,
  timeoutMs: number,
): Promise<ListSecretsPage> {
  const prefix = options.prefix?.trim() || undefined;
  // No id can start with anything else, and the filter grammar would choke on it.
  if (prefix && !SECRET_ID.test(prefix)) return { items: [] };
  const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? 50), 1), 100);
  const [secrets, , response] = await client.listSecrets(
    { parent: `projects/${projectId}`, pageSize, pageToken: options.pageToken, filter: prefix ? `name:${prefix}` : undefined },
    { autoPaginate: false, timeout: timeoutMs },
  );
  const items = secrets
    .map((secret) => (secret.name ?? "").split("/").pop() ?? "")
    .filter((id) => id && (!prefix || id.startsWith(prefix)))
    .map((id) => ({ name: id, id }));
  return { items, nextPageToken: response?.nextPageToken || undefined };
}
