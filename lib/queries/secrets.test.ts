// The secret browser after a reference-policy change: its "Outside the reference policy" marks come from the
// server, so the fix is that the client cache (staleTime one minute) is dropped at once and refetched.
import { InfiniteQueryObserver, QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BrowsePage } from "@/lib/views/secrets";
import { invalidateSecretBrowser, secretKeysQueryOptions, secretsQueryOptions } from "./secrets";

const page = (insidePolicy: boolean): BrowsePage => ({
  kind: "aws",
  items: [
    { id: "arn:aws:secretsmanager:us-east-1:1:secret:prod/db", name: "prod/db", references: [], usedBy: [], insidePolicy } as BrowsePage["items"][number],
  ],
});

afterEach(() => vi.unstubAllGlobals());

describe("invalidateSecretBrowser", () => {
  it("an open browser refetches at once and stops showing a secret as outside the policy", async () => {
    const answers = [page(false), page(true)];
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(answers.shift()), { status: 200 }));
    vi.stubGlobal("fetch", fetchMock);
    const client = new QueryClient();
    const scope = { workspaceId: 7, projectId: 3, config: "own" as const };
    const observer = new InfiniteQueryObserver(client, secretsQueryOptions(scope, ""));
    const seen: boolean[] = [];
    const unsubscribe = observer.subscribe((r) => {
      const inside = r.data?.pages[0]?.items[0]?.insidePolicy;
      if (inside !== undefined && seen.at(-1) !== inside) seen.push(inside);
    });
    await vi.waitFor(() => expect(seen).toEqual([false]));
    // Within staleTime nothing would refetch on its own: the invalidation is what makes the mark go.
    await invalidateSecretBrowser(client, 7);
    await vi.waitFor(() => expect(seen).toEqual([false, true]));
    expect(fetchMock).toHaveBeenCalledTimes(2);
    unsubscribe();
  });

  it("drops names and key names of that workspace only", async () => {
    const client = new QueryClient();
    const mine = { workspaceId: 7, config: "active" as const };
    const other = { workspaceId: 8, config: "active" as const };
    client.setQueryData(secretKeysQueryOptions(mine, "s1").queryKey, { keys: [], cached: false } as never);
    client.setQueryData(secretsQueryOptions(mine, "p").queryKey, { pages: [page(false)], pageParams: [undefined] });
    client.setQueryData(secretsQueryOptions(other, "").queryKey, { pages: [page(false)], pageParams: [undefined] });
    await invalidateSecretBrowser(client, 7);
    const state = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(state(secretKeysQueryOptions(mine, "s1").queryKey)).toBe(true);
    expect(state(secretsQueryOptions(mine, "p").queryKey)).toBe(true);
    expect(state(secretsQueryOptions(other, "").queryKey)).toBe(false);
  });
});
