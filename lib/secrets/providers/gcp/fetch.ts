// fetchSecrets for Google: each distinct (id, version) once, a few at a time. A disabled latest version fails,
// with no fallback. Not-found and denied answers are checked against a listing of the project's ids.
import { closestNames } from "@/lib/secrets/closest-names";
import { invalidConfiguration } from "@/lib/secrets/errors";
import { mapLimit } from "@/lib/secrets/map-limit";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { FetchOutcome, SecretRef } from "@/lib/secrets/types";
import { accessGcpSecret } from "./access";
import { classifyGcpError } from "./classify";
import type { GcpContext, GcpRef } from "./client";
import { gcpSecretNotFound } from "./errors";
import { listGcpSecrets } from "./list";

const FETCH_CONCURRENCY = 8;
const SUGGESTION_PAGES = 5;

type KnownIds = { ids: string[]; complete: boolean } | undefined;

export async function fetchGcpSecrets(ctx: GcpContext, refs: readonly SecretRef[]): Promise<Map<string, FetchOutcome>> {
  const unique = new Map<string, GcpRef>();
  const results = new Map<string, FetchOutcome>();
  for (const ref of refs) {
    if (ref.kind === "gcp") unique.set(secretVersionKey(ref), ref);
    else results.set(secretVersionKey(ref), { ok: false, error: foreignReference(ref.kind) });
  }
  let listing: Promise<KnownIds> | undefined;
  const known = () => (listing ??= knownIds(ctx));
  await mapLimit([...unique.entries()], FETCH_CONCURRENCY, async ([mapKey, ref]) => {
    results.set(mapKey, await fetchOne(ctx, ref, known));
  });
  return results;
}

async function fetchOne(ctx: GcpContext, ref: GcpRef, known: () => Promise<KnownIds>): Promise<FetchOutcome> {
  try {
    return { ok: true, payload: await accessGcpSecret(ctx, ref) };
  } catch (err) {
    const errorContext = ctx.secretContext(ref);
    let error = classifyGcpError(err, errorContext);
    // Google says "denied (or it may not exist)" to callers without project-wide access; a listing
    // tells a typo from a missing grant, and both ways gives the closest ids.
    if (error.code === "not_found" || error.code === "gcp_permission_denied") {
      const ids = await known();
      const absent = ids && !ids.ids.includes(ref.secretId) && (ids.complete || error.code === "not_found");
      if (absent) error = gcpSecretNotFound(errorContext, closestNames(ref.secretId, ids.ids));
    }
    return { ok: false, error };
  }
}

/** Ids in the project (first pages), for "closest names"; undefined when listing is not permitted. */
async function knownIds(ctx: GcpContext): Promise<KnownIds> {
  try {
    const ids: string[] = [];
    let pageToken: string | undefined;
    for (let i = 0; i < SUGGESTION_PAGES; i++) {
      const page = await listGcpSecrets(ctx, { pageSize: 100, pageToken });
      ids.push(...page.items.map((item) => item.id));
      pageToken = page.nextPageToken;
      if (!pageToken) break;
    }
    return { ids, complete: !pageToken };
  } catch {
    return undefined;
  }
}

function foreignReference(kind: string) {
  return invalidConfiguration(
    `A ${kind} reference cannot be resolved by the Google Secret Manager configuration.`,
    "Re-point the reference under the active secrets configuration.",
  );
}
