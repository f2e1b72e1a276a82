// What a token may do, as the token list shows it: its scopes (labels from lib/auth/token-scopes.ts) and its
// project limit.
import { TOKEN_SCOPES, type TokenScope } from "@/lib/auth/token-scopes";

export function TokenGrantCell({ scopes, projects }: { scopes: TokenScope[]; projects: string[] | null }) {
  return (
    <>
      {scopes.length === 0 ? (
        <span className="muted">No scope</span>
      ) : (
        scopes.map((s) => (
          <code key={s} className="nowrap" title={TOKEN_SCOPES[s].description} style={{ marginRight: 6 }}>
            {s}
          </code>
        ))
      )}
      <div className="muted">{projects === null ? "Every project" : `Only: ${projects.join(", ")}`}</div>
    </>
  );
}
