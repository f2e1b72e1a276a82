// The progress panel's poll (docs/scopes.md "Progress for long work"): once a second while the job runs, then stops.
import { queryOptions } from "@tanstack/react-query";
import type { BulkJobView } from "@/lib/views/bulk-jobs";
import { ProblemAnswerError, retryUnanswered } from "./retry";

export function bulkJobQueryOptions(workspaceId: number, initial: BulkJobView) {
  return queryOptions({
    queryKey: ["bulk-job", workspaceId, initial.id],
    queryFn: async ({ signal }): Promise<BulkJobView> => {
      const res = await fetch(`/api/v1/workspaces/${workspaceId}/jobs/${initial.id}`, { signal });
      if (!res.ok) {
        const problem = (await res.json().catch(() => ({}))) as { detail?: string };
        throw new ProblemAnswerError(problem.detail ?? "Could not read the job's progress.", res.status);
      }
      return (await res.json()) as BulkJobView;
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.status === "running" ? 1000 : false),
    retry: retryUnanswered,
  });
}
