// TanStack Query keys and fetchers for the secret browser (docs/style.md rule 10: keys from queryOptions factories).
import { infiniteQueryOptions } from "@tanstack/react-query";
import type { BrowsePage } from "@/lib/views/secrets";
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
      const res = await fetch(`/api/v1/workspaces/${scope.workspaceId}/secrets?${params}`, { signal });
      if (!res.ok) {
        // Failures are problem+json (lib/api/problem.ts): `detail` says what, `fix` (provider refusals) what to do.
        const problem = (await res.json().catch(() => ({}))) as { detail?: string; fix?: string };
        throw new ProblemAnswerError(problem.detail ?? "Could not list secrets.", res.status, problem.fix);
      }
      return (await res.json()) as BrowsePage;
    },
    getNextPageParam: (last) => last.nextPageToken,
    staleTime: 60_000,
    // The server retried the provider already; a problem answer (403, 503, ...) is final here.
    retry: retryUnanswered,
  });
}
