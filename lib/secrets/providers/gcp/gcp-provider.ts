// Google Secret Manager through the official @google-cloud/secret-manager client. A reference names a
// secret id and optionally a version (default `latest`); a disabled latest version fails, with no fallback.
import type { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import { invalidConfiguration, isSecretsError, unavailable } from "@/lib/secrets/errors";
import { withRetries, DEFAULT_RETRY_POLICY, type RetryPolicy } from "@/lib/secrets/retry";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type {
  FetchOutcome,
  ListSecretsOptions,
  ListSecretsPage,
  ProviderConfig,
  SecretPayload,
  SecretRef,
  SecretsProvider,
} from "@/lib/secrets/types";
import { createSecretManagerClient, parseApiEndpoint, parseServiceAccountKey } from "./session";
import { closestNames } from "../../closest-names";
import { crc32c } from "./crc32c";
import { classifyGcpError, gcpInvalidReference, gcpSecretNotFound, GCP_PROVIDER, type GcpErrorContext } from "./errors";
import { listSecretsPage } from "./list";

export type GcpProviderConfig = Extract<ProviderConfig, { kind: "gcp" }>;

export interface GcpProviderDeps {
  /** `secretmanager.googleapis.com` (default), `host:port`, or a URL; http only for loopback emulators. */
  apiEndpoint: string;
  /** Shorter deadlines for tests; production uses the defaults (5 s per attempt, 15 s overall). */
  retryPolicy?: Partial<RetryPolicy>;
}

type GcpRef = Extract<SecretRef, { kind: "gcp" }>;

const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;
const VERSION = /^(latest|[1-9]\d{0,18}|[A-Za-z][A-Za-z0-9_-]{0,62})$/;
const FETCH_CONCURRENCY = 8;
const SUGGESTION_PAGES = 5;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export function createGcpProvider(config: GcpProviderConfig, deps: GcpProviderDeps): SecretsProvider {
  const policy = { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy };
  const projectId = config.settings.projectId;
  const key = parseServiceAccountKey(config.auth.serviceAccountJson);
  const endpoint = parseApiEndpoint(deps.apiEndpoint);
  let client: SecretManagerServiceClient | undefined;
  // A bad key or endpoint is reported by every call rather than thrown here, so callers handle it like
  // any other provider failure.
  const sdk = (): SecretManagerServiceClient => {
    if (isSecretsError(key)) throw key;
    if (isSecretsError(endpoint)) throw endpoint;
    client ??= createSecretManagerClient(key, endpoint, projectId, policy.attemptTimeoutMs);
    return client;
  };
  const base: GcpErrorContext = {
    projectId,
    email: isSecretsError(key) ? "(unreadable key)" : key.client_email,
    keyId: isSecretsError(key) ? undefined : key.private_key_id,
  };
  const retry = <T>(ctx: GcpErrorContext, op: (signal: AbortSignal) => Promise<T>) =>
    withRetries(op, { provider: GCP_PROVIDER, classify: (err) => classifyGcpError(err, ctx), policy });

  const list = async (options: ListSecretsOptions = {}): Promise<ListSecretsPage> => {
    const page = await retry(base, () => listSecretsPage(sdk(), projectId, options, policy.attemptTimeoutMs));
    if (!options.includeKeys) return page;
    const keys = await mapLimit(page.items, async (item) => jsonKeys(item.id));
    return { ...page, items: page.items.map((item, i) => ({ ...item, keys: keys[i] })) };
  };

  const access = async (ref: GcpRef): Promise<SecretPayload> => {
    const ctx = { ...base, secretId: ref.secretId, version: ref.version ?? "latest" };
    // Ids go into the request path: anything else could address another resource.
    if (!SECRET_ID.test(ref.secretId) || !VERSION.test(ctx.version)) throw gcpInvalidReference(ref.secretId, ref.version);
    const name = `projects/${projectId}/secrets/${ref.secretId}/versions/${ctx.version}`;
    return retry(ctx, async () => {
      const [response] = await sdk().accessSecretVersion({ name }, { timeout: policy.attemptTimeoutMs });
      return payloadOf(response.payload);
    });
  };

  /** JSON key names of a secret's latest value, for the browser; never the values. */
  const jsonKeys = async (secretId: string): Promise<string[] | undefined> => {
    try {
      const payload = await access({ kind: "gcp", secretId });
      if (!("text" in payload)) return undefined;
      const parsed = JSON.parse(payload.text) as unknown;
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? Object.keys(parsed) : undefined;
    } catch {
      return undefined;
    }
  };

  /** Ids in the project (first pages), for "closest names"; undefined when listing is not permitted. */
  const knownIds = async (): Promise<{ ids: string[]; complete: boolean } | undefined> => {
    try {
      const ids: string[] = [];
      let pageToken: string | undefined;
      for (let i = 0; i < SUGGESTION_PAGES; i++) {
        const page = await list({ pageSize: 100, pageToken });
        ids.push(...page.items.map((item) => item.id));
        pageToken = page.nextPageToken;
        if (!pageToken) break;
      }
      return { ids, complete: !pageToken };
    } catch {
      return undefined;
    }
  };

  return {
    kind: "gcp",

    async test() {
      const page = await list({ pageSize: 50 });
      return {
        secretCount: page.items.length,
        sampleNames: page.items.slice(0, 5).map((item) => item.name),
        identity: `Service account ${base.email} in project ${projectId}`,
      };
    },

    listSecrets: list,

    async fetchSecrets(refs) {
      const unique = new Map<string, GcpRef>();
      const results = new Map<string, FetchOutcome>();
      for (const ref of refs) {
        if (ref.kind === "gcp") unique.set(secretVersionKey(ref), ref);
        else results.set(secretVersionKey(ref), { ok: false, error: foreignReference(ref.kind) });
      }
      let listing: ReturnType<typeof knownIds> | undefined;
      const fetchOne = async ([mapKey, ref]: [string, GcpRef]) => {
        try {
          results.set(mapKey, { ok: true, payload: await access(ref) });
        } catch (err) {
          const ctx = { ...base, secretId: ref.secretId, version: ref.version ?? "latest" };
          let error = classifyGcpError(err, ctx);
          // Google says "denied (or it may not exist)" to callers without project-wide access; a listing
          // tells a typo from a missing grant, and both ways gives the closest ids.
          if (error.code === "not_found" || error.code === "gcp_permission_denied") {
            const known = await (listing ??= knownIds());
            const absent = known && !known.ids.includes(ref.secretId) && (known.complete || error.code === "not_found");
            if (absent) error = gcpSecretNotFound(ctx, closestNames(ref.secretId, known.ids));
          }
          results.set(mapKey, { ok: false, error });
        }
      };
      await mapLimit([...unique.entries()], fetchOne);
      return results;
    },
  };
}

function foreignReference(kind: string) {
  return invalidConfiguration(
    `A ${kind} reference cannot be resolved by the Google Secret Manager configuration.`,
    "Re-point the reference under the active secrets configuration.",
  );
}

async function mapLimit<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, items.length) }, worker));
  return out;
}

function payloadOf(payload: { data?: unknown; dataCrc32c?: unknown } | null | undefined): SecretPayload {
  const raw = payload?.data;
  const data = typeof raw === "string" ? Buffer.from(raw, "base64") : Buffer.from(raw instanceof Uint8Array ? raw : new Uint8Array());
  const expected = payload?.dataCrc32c;
  // Corruption in transit is worth another attempt, and the bytes are not worth showing.
  if (expected !== undefined && expected !== null && Number(String(expected)) !== crc32c(data)) {
    throw unavailable(GCP_PROVIDER, "the payload failed its CRC32C check");
  }
  try {
    return { text: utf8.decode(data) };
  } catch {
    return { binary: new Uint8Array(data) };
  }
}
