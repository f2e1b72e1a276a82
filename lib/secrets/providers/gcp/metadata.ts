// Metadata for Google Secret Manager, never `access`: GetSecretVersion of the referenced version (`latest` by
// default: its number and state ENABLED / DISABLED / DESTROYED) per secret in use, and the secrets' expire_time,
// which lives on the Secret, from ListSecrets pages (up to 25,000 per call; GetSecret per secret when listing
// is refused). The Secret Accessor role grants neither secretmanager.versions.get nor secrets.get/list: a
// denial here names the metadata permission, not the access one (docs/rotation.md).
import { SecretsError, providerError } from "@/lib/secrets/errors";
import { mapLimit } from "@/lib/secrets/map-limit";
import { callCounter, isoOf, type MetadataOutcome, type MetadataReport, type SecretMetadata } from "@/lib/secrets/metadata";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { SecretRef } from "@/lib/secrets/types";
import type { GcpContext, GcpRef } from "./client";
import { GCP_PROVIDER, type GcpErrorContext } from "./errors";

const CONCURRENCY = 8;
const LIST_PAGE_SIZE = 25_000;
const STATES: Record<string | number, string> = { 1: "ENABLED", 2: "DISABLED", 3: "DESTROYED" };

type Timestamp = { seconds?: number | string | Long | null; nanos?: number | null } | null | undefined;
type Long = { toString(): string };

export async function readGcpMetadata(ctx: GcpContext, refs: readonly SecretRef[]): Promise<MetadataReport> {
  const { calls, count } = callCounter();
  const results = new Map<string, MetadataOutcome>();
  const distinct = new Map<string, GcpRef>();
  for (const ref of refs) if (ref.kind === "gcp") distinct.set(secretVersionKey(ref), ref);
  const expiries = await listExpiries(ctx, count);
  await mapLimit([...distinct], CONCURRENCY, async ([key, ref]) => {
    const outcome = await versionMetadata(ctx, ref, count);
    if (outcome.ok && outcome.metadata.exists) {
      const expiresAt = expiries ? expiries.get(ref.secretId) : await secretExpiry(ctx, ref, count);
      if (expiresAt) outcome.metadata.expiresAt = expiresAt;
    }
    results.set(key, outcome);
  });
  return { results, strategy: expiries ? "describe+list" : "describe", calls };
}

async function versionMetadata(ctx: GcpContext, ref: GcpRef, count: (op: string) => void): Promise<MetadataOutcome> {
  const errorContext = ctx.secretContext(ref);
  const name = `projects/${ctx.projectId}/secrets/${ref.secretId}/versions/${errorContext.version}`;
  try {
    const [v] = await ctx.run(errorContext, () => {
      count("getSecretVersion");
      return ctx.sdk().getSecretVersion({ name }, { timeout: ctx.policy.attemptTimeoutMs });
    });
    const state = STATES[String(v.state)] ?? String(v.state ?? "");
    const metadata: SecretMetadata = {
      exists: true,
      version: `${(v.name ?? "").split("/").pop()}`,
      enabled: state === "ENABLED",
      ...(state === "DESTROYED" ? { destroyed: true } : {}),
      ...(timestampIso(v.createTime) ? { lastChangedAt: timestampIso(v.createTime) } : {}),
    };
    return { ok: true, metadata };
  } catch (err) {
    const error = err instanceof SecretsError ? err : providerError(GCP_PROVIDER, err instanceof Error ? err.name : "error");
    if (error.code === "not_found") return { ok: true, metadata: { exists: false } };
    return { ok: false, error: metadataDenial(error, errorContext, "secretmanager.versions.get") };
  }
}

/** expire_time of every secret in the project, or undefined when listing is refused (then GetSecret per secret). */
async function listExpiries(ctx: GcpContext, count: (op: string) => void): Promise<Map<string, string> | undefined> {
  const out = new Map<string, string>();
  let pageToken: string | undefined;
  try {
    do {
      const token = pageToken;
      const [secrets, , response] = await ctx.run({ ...ctx.secretContext({ kind: "gcp", secretId: "" }), secretId: undefined }, () => {
        count("listSecrets");
        return ctx
          .sdk()
          .listSecrets(
            { parent: `projects/${ctx.projectId}`, pageSize: LIST_PAGE_SIZE, pageToken: token },
            { autoPaginate: false, timeout: ctx.policy.attemptTimeoutMs },
          );
      });
      for (const s of secrets) {
        const iso = timestampIso(s.expireTime as Timestamp);
        if (iso) out.set((s.name ?? "").split("/").pop() ?? "", iso);
      }
      pageToken = response?.nextPageToken || undefined;
    } while (pageToken);
    return out;
  } catch {
    return undefined;
  }
}

async function secretExpiry(ctx: GcpContext, ref: GcpRef, count: (op: string) => void): Promise<string | undefined> {
  try {
    const [secret] = await ctx.run(ctx.secretContext(ref), () => {
      count("getSecret");
      return ctx.sdk().getSecret({ name: `projects/${ctx.projectId}/secrets/${ref.secretId}` }, { timeout: ctx.policy.attemptTimeoutMs });
    });
    return timestampIso(secret.expireTime as Timestamp);
  } catch {
    return undefined; // expiry is best effort: the version's metadata already answered for rotation
  }
}

/** A PERMISSION_DENIED on metadata: the missing permission is the metadata one, granted by the Viewer role. */
function metadataDenial(error: SecretsError, ctx: GcpErrorContext, permission: string): SecretsError {
  if (error.code !== "gcp_permission_denied") return error;
  return new SecretsError({
    code: "gcp_permission_denied",
    category: "authorization",
    message: `Service account ${ctx.email} may not read the metadata of secret ${ctx.secretId} in project ${ctx.projectId}: it lacks ${permission} (the Secret Accessor role does not grant it).`,
    fix: "Grant the service account the Secret Manager Viewer role (roles/secretmanager.viewer) on the project or the secret, so rotations are seen without reading values. Reads keep working without it.",
    command: `gcloud secrets versions describe ${ctx.version ?? "latest"} --secret ${ctx.secretId} --project ${ctx.projectId}`,
    snippet: `gcloud projects add-iam-policy-binding ${ctx.projectId} --member serviceAccount:${ctx.email} --role roles/secretmanager.viewer`,
    permission,
  });
}

function timestampIso(t: Timestamp | string): string | undefined {
  if (!t) return undefined;
  if (typeof t === "string") return isoOf(t);
  const seconds = Number(t.seconds?.toString() ?? Number.NaN);
  return Number.isFinite(seconds) ? isoOf(seconds * 1000 + Math.floor((t.nanos ?? 0) / 1e6)) : undefined;
}
