// "Did you mean": the closest secret names by edit distance, for not-found errors. Names only, never values.
import { ListSecretsCommand } from "@aws-sdk/client-secrets-manager";
import type { AwsContext } from "./aws-context";

export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** Up to `limit` names within a third of the target's length (at least 2 edits), closest first. */
export function closestNames(target: string, candidates: Iterable<string>, limit = 3): string[] {
  const threshold = Math.max(2, Math.floor(target.length / 3));
  return [...new Set(candidates)]
    .map((name) => ({ name, distance: levenshtein(target, name) }))
    .filter((c) => c.distance <= threshold)
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
    .slice(0, limit)
    .map((c) => c.name);
}

const MAX_PAGES = 5;

/**
 * Names visible to the role in `region`, for suggestions. Best effort: without ListSecrets, or when the
 * deadline is near, there are simply no suggestions.
 */
export async function listNamesForSuggestions(ctx: AwsContext, region: string, deadline: number): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES && Date.now() < deadline; page++) {
      const out = await ctx.run(
        "ListSecrets",
        async (signal) =>
          (await ctx.client(region, signal)).send(new ListSecretsCommand({ MaxResults: 100, NextToken: token }), { abortSignal: signal }),
        { deadline },
      );
      for (const s of out.SecretList ?? []) if (s.Name) names.push(s.Name);
      token = out.NextToken;
      if (!token) break;
    }
  } catch {
    // No permission or no time: suggestions are a convenience, the not-found error stands on its own.
  }
  return names;
}
