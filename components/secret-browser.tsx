"use client";
// Lists secret names (and key names) from a provider, pages and searches them with TanStack Query, shows
// which connections use each secret, and hands the exact reference to `onInsert`. Values never appear.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useDeferredValue, useId, useState } from "react";
import { secretsQueryOptions, type SecretBrowserScope } from "@/lib/queries/secrets";
import { CopyButton } from "./copy-button";

export function SecretBrowser({ scope, onInsert }: { scope: SecretBrowserScope; onInsert?: (reference: string) => void }) {
  const [search, setSearch] = useState("");
  const prefix = useDeferredValue(search.trim());
  const query = useInfiniteQuery(secretsQueryOptions(scope, prefix));
  const searchId = useId();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="secret-browser" aria-label="Secret browser" role="region">
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
        </div>
      )}
      {query.isSuccess && items.length === 0 && <p className="muted small">No secrets{prefix ? ` starting with “${prefix}”` : ""}.</p>}
      {items.length > 0 && (
        <ul className="secret-list" style={{ listStyle: "none", padding: 0, margin: "8px 0 0", maxHeight: 360, overflowY: "auto" }}>
          {items.map((item) => (
            <li key={item.id} style={{ borderTop: "1px solid var(--border)", padding: "8px 0" }}>
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
                <div key={r.reference} className="row" style={{ marginTop: 4, flexWrap: "nowrap" }}>
                  <code className="small mono" style={{ flex: 1, overflowX: "auto", whiteSpace: "nowrap" }}>
                    {r.reference}
                  </code>
                  {onInsert ? (
                    <button
                      type="button"
                      className="btn small"
                      onClick={() => onInsert(r.reference)}
                      aria-label={`Insert reference ${r.key ?? item.name}`}
                      disabled={!item.insidePolicy}
                      title={item.insidePolicy ? undefined : "Not in the reference policy: an admin of this configuration must add it first."}
                    >
                      Insert{r.key ? ` “${r.key}”` : ""}
                    </button>
                  ) : (
                    <CopyButton value={r.reference} label={r.key ? `Copy “${r.key}”` : "Copy reference"} />
                  )}
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <button type="button" className="btn small" style={{ marginTop: 8 }} disabled={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
          {query.isFetchingNextPage ? "Loading…" : "More secrets"}
        </button>
      )}
    </div>
  );
}
