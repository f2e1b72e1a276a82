// TanStack Query keys and fetchers for the secret browser (docs/style.md rule 10: keys from queryOptions factories).
import { infiniteQueryOptions, type QueryClient, queryOptions } from "@tanstack/react-query";
import type { BrowsePage, SecretKeysView } from "@/lib/views/secrets";
import { ProblemAnswerError, retryUnanswered } from "./retry";

export interface SecretBrowserScope {
  workspaceId: number;
  projectId?: number;
  /** "active": what resolves this project's references now; "own": the project's (or workspace's) own config. */
  config: "active" | "own";
}

export function secretsQueryOptions(scope: SecretBrowserScope, prefix: string) {
  return infiniteQueryOptions({
    queryKey: ["secrets", scope.workspaceId, scope.projectId ?? null, scope.config, prefix],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }): Promise<BrowsePage> => {
      const params = new URLSearchParams({ config: scope.config });
      if (scope.projectId) params.set("projectId", String(scope.projectId));
      if (prefix) params.set("prefix", prefix);
      if (pageParam) params.set("pageToken", pageParam);
      return getJson<BrowsePage>(`/api/v1/workspaces/${scope.workspaceId}/secrets?${params}`, signal, "Could not list secrets.");
    },
    getNextPageParam: (last) => last.nextPageToken,
    staleTime: 60_000,
    // The server retried the provider already; a problem answer (403, 503, ...) is final here.
    retry: retryUnanswered,
  });
}

/** The key names of one expanded row: one read at most, then the server's key-name cache for the TTL. */
export function secretKeysQueryOptions(scope: SecretBrowserScope, secretId: string) {
  return queryOptions({
    queryKey: ["secret-keys", scope.workspaceId, scope.projectId ?? null, scope.config, secretId],
    queryFn: ({ signal }): Promise<SecretKeysView> => {
      const params = new URLSearchParams({ config: scope.config, id: secretId });
      if (scope.projectId) params.set("projectId", String(scope.projectId));
      return getJson<SecretKeysView>(`/api/v1/workspaces/${scope.workspaceId}/secrets/keys?${params}`, signal, "Could not read the key names.");
    },
    staleTime: 60_000,
    retry: retryUnanswered,
  });
}

/**
 * Drops every secret-browser answer of a workspace (names, "Outside the reference policy" marks, key names) so
 * open browsers refetch at once: after a policy entry is added or removed, or a provider is saved or tested,
 * a browser on the same page must not keep showing what was true before (staleTime would hide it for a minute).
 */
export async function invalidateSecretBrowser(client: QueryClient, workspaceId: number): Promise<void> {
  await Promise.all([client.invalidateQueries({ queryKey: ["secrets", workspaceId] }), client.invalidateQueries({ queryKey: ["secret-keys", workspaceId] })]);
}

async function getJson<T>(url: string, signal: AbortSignal, fallback: string): Promise<T> {
  const res = await fetch(url, { signal });
  if (!res.ok) {
    // Failures are problem+json (lib/api/problem.ts): `detail` says what, `fix` (provider refusals) what to do.
    const problem = (await res.json().catch(() => ({}))) as { detail?: string; fix?: string };
    throw new ProblemAnswerError(problem.detail ?? fallback, res.status, problem.fix);
  }
  return (await res.json()) as T;
}
