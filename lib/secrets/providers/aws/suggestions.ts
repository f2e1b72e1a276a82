// The names "did you mean" chooses from (lib/secrets/closest-names.ts), for not-found errors.
import { ListSecretsCommand } from "@aws-sdk/client-secrets-manager";
import type { AwsContext } from "./client";

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
        async (signal) => (await ctx.client(region, signal)).send(new ListSecretsCommand({ MaxResults: 100, NextToken: token }), { abortSignal: signal }),
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
