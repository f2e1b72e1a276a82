"use client";
// An expanded secret browser row: its JSON key names, read once on the server (one value read, names cached for
// the workspace's TTL) and offered as ready-to-insert references.
import { useQuery } from "@tanstack/react-query";
import { secretKeysQueryOptions, type SecretBrowserScope } from "@/lib/queries/secrets";
import { CopyButton } from "./copy-button";

export function SecretKeys({
  scope,
  secretId,
  name,
  insidePolicy,
  onInsert,
}: {
  scope: SecretBrowserScope;
  secretId: string;
  name: string;
  insidePolicy: boolean;
  onInsert?: (reference: string) => void;
}) {
  const query = useQuery(secretKeysQueryOptions(scope, secretId));
  if (query.isPending)
    return (
      <p className="muted small" role="status">
        Reading key names…
      </p>
    );
  if (query.isError)
    return (
      <div className="alert error small" role="alert" style={{ marginTop: 4 }}>
        {query.error.message}
        {"fix" in query.error && query.error.fix ? <div>{String(query.error.fix)}</div> : null}
      </div>
    );
  if (!query.data.keys) return <p className="muted small">Not a JSON object: the reference above names the whole secret.</p>;
  if (query.data.keys.length === 0) return <p className="muted small">A JSON object without keys.</p>;
  return (
    <fieldset aria-label={`Keys of ${name}`} style={{ border: 0, padding: 0, margin: 0 }}>
      {query.data.references.map((r) => (
        <ReferenceRow key={r.reference} reference={r} name={name} insidePolicy={insidePolicy} onInsert={onInsert} />
      ))}
    </fieldset>
  );
}

export function ReferenceRow({
  reference: r,
  name,
  insidePolicy = true,
  onInsert,
}: {
  reference: { key: string | null; reference: string };
  name: string;
  /** Outside the configuration's reference policy: shown, but editors cannot insert it. */
  insidePolicy?: boolean;
  onInsert?: (reference: string) => void;
}) {
  return (
    <div className="row" style={{ marginTop: 4, flexWrap: "nowrap" }}>
      <code className="small mono" style={{ flex: 1, overflowX: "auto", whiteSpace: "nowrap" }}>
        {r.reference}
      </code>
      {onInsert ? (
        <button
          type="button"
          className="btn small"
          onClick={() => onInsert(r.reference)}
          aria-label={`Insert reference ${r.key ?? name}`}
          disabled={!insidePolicy}
          title={insidePolicy ? undefined : "Not in the reference policy: an admin of this configuration must add it first."}
        >
          Insert{r.key ? ` “${r.key}”` : ""}
        </button>
      ) : (
        <CopyButton value={r.reference} label={r.key ? `Copy “${r.key}”` : "Copy reference"} />
      )}
    </div>
  );
}
