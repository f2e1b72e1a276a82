// One page of ListSecrets. A prefix goes to the server as `name:<prefix>` (Google's filter matches
// anywhere in the name), so the page is narrowed to true prefixes here.
import type { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import type { ListSecretsOptions, ListSecretsPage } from "@/lib/secrets/types";

const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;

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
