// What a connection is configured with, read-only: the address, and per credential field either "Set" (a
// literal, never shown) or the template text (not secret). Viewers see only this.
import { credentialFieldsFor } from "@/lib/connections/types";
import { FIELD_LABELS, type ConnectionType } from "@/lib/connections/types";
import { AUTH_KIND_OPTIONS, SSL_MODE_OPTIONS } from "./labels";
import type { StoredField } from "./types";

function optionLabel(options: ReadonlyArray<{ value: string; label: string }>, value: unknown): string {
  return options.find((o) => o.value === value)?.label ?? String(value ?? "");
}

function addressRows(type: ConnectionType, s: Record<string, unknown>): Array<[string, string]> {
  switch (type) {
    case "postgres":
      return [
        ["Host", String(s.host ?? "")],
        ["Port", String(s.port ?? "")],
        ["Database", String(s.database ?? "")],
        ["SSL mode", optionLabel(SSL_MODE_OPTIONS, s.sslMode)],
      ];
    case "http":
      return [
        ["Base URL", String(s.baseUrl ?? "")],
        ["Test path", String(s.testPath ?? "/")],
        ["Authentication", optionLabel(AUTH_KIND_OPTIONS, s.authKind)],
        ...(s.authKind === "header" ? [["Header name", String(s.headerName ?? "")] as [string, string]] : []),
      ];
    case "https_cert":
      return [["URL", String(s.url ?? "")]];
  }
}

export function ConnectionDetails({ type, settings, fields }: { type: ConnectionType; settings: Record<string, unknown>; fields: StoredField[] }) {
  const stored = new Map(fields.map((f) => [f.name, f]));
  const wanted = credentialFieldsFor(type, settings);
  return (
    <div className="conn-details">
      <section className="card" aria-labelledby="conn-address-heading">
        <h2 id="conn-address-heading">Address</h2>
        <dl className="conn-dl">
          {addressRows(type, settings).map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className="mono">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="card" aria-labelledby="conn-credentials-heading">
        <h2 id="conn-credentials-heading">Credentials</h2>
        {wanted.length === 0 ? (
          <p className="muted">This authentication needs no credentials.</p>
        ) : (
          <dl className="conn-dl">
            {wanted.map(({ name, optional }) => {
              const f = stored.get(name);
              return (
                <div key={name}>
                  <dt>{FIELD_LABELS[name]}</dt>
                  <dd>
                    {!f ? (
                      <span className="muted">{optional ? "Not set (optional)" : "Not set"}</span>
                    ) : f.mode === "literal" ? (
                      <>
                        <span className="badge ok">Set</span> <span className="muted small">Literal, stored encrypted</span>
                      </>
                    ) : (
                      <span className="conn-template">
                        <span className="badge info">Secret reference</span>
                        {f.scopeChanged && <span className="badge warn">Scope changed</span>}
                        <code className="conn-ref">{f.template}</code>
                      </span>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        )}
      </section>
    </div>
  );
}
