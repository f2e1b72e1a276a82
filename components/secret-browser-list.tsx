"use client";
// Lists secret names from a provider, pages and searches them with TanStack Query, shows which connections use
// each secret, and hands the exact reference to `onInsert`. A page view costs listing calls only: a row's JSON
// key names are read when the user expands it (components/secret-browser-keys.tsx). Values never appear.
import { QueryClientProvider, useInfiniteQuery } from "@tanstack/react-query";
import { browserQueryClient } from "@/lib/queries/client";
import { useDeferredValue, useId, useState } from "react";
import { secretsQueryOptions, type SecretBrowserScope } from "@/lib/queries/secrets";
import type { BrowsedSecret } from "@/lib/views/secrets";
import { ReferenceRow, SecretKeys } from "./secret-browser-keys";

/** Loaded by components/secret-browser.tsx after the page: the browser brings its own query client. */
export function SecretBrowserList(props: { scope: SecretBrowserScope; onInsert?: (reference: string) => void }) {
  return (
    <QueryClientProvider client={browserQueryClient()}>
      <SecretList {...props} />
    </QueryClientProvider>
  );
}

function SecretList({ scope, onInsert }: { scope: SecretBrowserScope; onInsert?: (reference: string) => void }) {
  const [search, setSearch] = useState("");
  const prefix = useDeferredValue(search.trim());
  const query = useInfiniteQuery(secretsQueryOptions(scope, prefix));
  const searchId = useId();
  // A failed listing replaces the list: names from before the failure would look current when they may not be.
  const items = query.isError ? [] : (query.data?.pages.flatMap((p) => p.items) ?? []);
  return (
    <section className="secret-browser" aria-label="Secret browser">
      <div className="field">
        <label htmlFor={searchId}>Search secret names</label>
        <input id={searchId} className="input" placeholder="Name starts with…" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {query.isPending && (
        <p className="muted small" role="status">
          Loading secrets…
        </p>
      )}
      {query.isError && (
        <div className="alert error" role="alert" style={{ marginTop: 8 }}>
          {query.error.message}
          {"fix" in query.error && query.error.fix ? <div className="small">{String(query.error.fix)}</div> : null}
          <div>
            <button type="button" className="btn small" style={{ marginTop: 6 }} onClick={() => query.refetch()}>
              Try again
            </button>
          </div>
        </div>
      )}
      {query.isSuccess && items.length === 0 && <p className="muted small">No secrets{prefix ? ` starting with “${prefix}”` : ""}.</p>}
      {items.length > 0 && (
        <ul className="secret-list" style={{ listStyle: "none", padding: 0, margin: "8px 0 0", maxHeight: 360, overflowY: "auto" }}>
          {items.map((item) => (
            <SecretRow key={item.id} item={item} scope={scope} kind={query.data!.pages[0]!.kind} onInsert={onInsert} />
          ))}
        </ul>
      )}
      {query.hasNextPage && !query.isError && (
        <button type="button" className="btn small" style={{ marginTop: 8 }} disabled={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
          {query.isFetchingNextPage ? "Loading…" : "More secrets"}
        </button>
      )}
    </section>
  );
}

function SecretRow({ item, scope, kind, onInsert }: { item: BrowsedSecret; scope: SecretBrowserScope; kind: string; onInsert?: (reference: string) => void }) {
  const [expanded, setExpanded] = useState(false);
  // Azure and Google references name the whole secret: there are no keys to show.
  const hasKeys = kind === "aws" || kind === "vault";
  return (
    <li style={{ borderTop: "1px solid var(--border)", padding: "8px 0" }}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <span>
          <strong className="mono">{item.name}</strong>
          {!item.insidePolicy && (
            <span className="badge fail" style={{ marginLeft: 8 }}>
              Outside the reference policy
            </span>
          )}
        </span>
        {item.usedBy.length > 0 ? (
          <span className="small muted">Used by {item.usedBy.map((u) => `${u.connectionName} (${u.field})`).join(", ")}</span>
        ) : (
          <span className="small muted">Not used yet</span>
        )}
      </div>
      {item.references.map((r) => (
        <ReferenceRow key={r.reference} reference={r} name={item.name} insidePolicy={item.insidePolicy} onInsert={onInsert} />
      ))}
      {hasKeys && (
        <button type="button" className="btn small link" aria-expanded={expanded} onClick={() => setExpanded((v) => !v)} style={{ marginTop: 4 }}>
          {expanded ? "Hide keys" : `Show keys of ${item.name}`}
        </button>
      )}
      {hasKeys && expanded && <SecretKeys scope={scope} secretId={item.id} name={item.name} insidePolicy={item.insidePolicy} onInsert={onInsert} />}
    </li>
  );
}
