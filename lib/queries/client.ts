// The browser's one QueryClient, created by the first component that needs server state (the secret browser).
// It is not provided by the console layout: TanStack Query then loads only with the parts that use it, not with
// every page (docs/accessibility.md "Lighter pages").
import { QueryClient } from "@tanstack/react-query";
import { retryUnanswered } from "./retry";
import { onSecretsChanged } from "./invalidate";
import { invalidateSecretBrowser } from "./secrets";

let client: QueryClient | undefined;

export function browserQueryClient(): QueryClient {
  if (client) return client;
  // Server answers are never retried by the browser: the server already retried the provider (./retry.ts).
  const created = new QueryClient({
    defaultOptions: { queries: { staleTime: 30_000, retry: retryUnanswered, refetchOnWindowFocus: false }, mutations: { retry: false } },
  });
  // Listings and key names both: a policy or provider change can turn "outside the policy" marks either way.
  onSecretsChanged((workspaceId) => void invalidateSecretBrowser(created, workspaceId));
  client = created;
  return created;
}
