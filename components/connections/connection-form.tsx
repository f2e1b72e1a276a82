"use client";
// Create and edit a connection. The fields depend on the type (and, for HTTP, the auth kind), so the form is
// controlled; it still posts FormData to saveConnectionAction through useActionState. It dispatches from
// onSubmit because React's automatic reset after a form action would snap controlled selects back to their
// first option (react#30580), and so the browser can stop a reference typed as a literal before it is sent.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { saveConnectionAction } from "@/lib/actions/connections";
import { credentialFieldsFor } from "@/lib/connections/types";
import { CONNECTION_TYPES, CREDENTIAL_FIELDS, FIELD_LABELS, PEM_FIELDS, TYPE_LABELS, type ConnectionType, type CredentialFieldName } from "@/lib/connections/types";
import { Alert } from "@/components/ui/alert";
import { Field, SelectField } from "@/components/ui/field";
import { AUTH_KIND_OPTIONS, SSL_MODE_OPTIONS } from "./labels";
import { CredentialField } from "./credential-field";
import { checkCredential, initialCredentialState, type CredentialStates } from "./credential-state";
import type { ActiveProvider, CredentialState, EditableConnection } from "./types";

type Settings = Record<"host" | "port" | "database" | "sslMode" | "baseUrl" | "authKind" | "headerName" | "testPath" | "url", string>;

const DEFAULT_SETTINGS: Settings = { host: "", port: "5432", database: "", sslMode: "require", baseUrl: "", authKind: "bearer", headerName: "", testPath: "/", url: "" };

function initialSettings(stored: Record<string, unknown> | undefined): Settings {
  const out = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(out) as Array<keyof Settings>) {
    const v = stored?.[key];
    if (v !== undefined && v !== null) out[key] = String(v);
  }
  return out;
}

export function ConnectionForm({
  workspaceId,
  projectId,
  connection,
  provider,
}: {
  workspaceId: number;
  projectId: number;
  connection?: EditableConnection;
  provider: ActiveProvider | null;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(saveConnectionAction, null);
  const [name, setName] = useState(connection?.name ?? "");
  const [type, setType] = useState<ConnectionType>(connection?.type ?? "http");
  const [settings, setSettings] = useState(() => initialSettings(connection?.settings));
  const stored = new Map(connection?.fields.map((f) => [f.name, f]));
  const [creds, setCreds] = useState<CredentialStates>(() =>
    Object.fromEntries(CREDENTIAL_FIELDS.map((n) => [n, initialCredentialState(stored.get(n), provider !== null)])),
  );
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  // A field's server error stays until that field is edited.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());

  const base = `/w/${workspaceId}/p/${projectId}/connections`;
  useEffect(() => {
    if (state?.ok && state.data) router.push(`${base}/${state.data.connectionId}?${connection ? "saved" : "created"}=1`);
  }, [state, router, base, connection]);
  useEffect(() => {
    if (state && !state.ok) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state]);

  const serverErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const errorOf = (key: string): string | undefined => clientErrors[key] ?? (edited.has(key) ? undefined : serverErrors[key]?.join(" "));
  const touch = (key: string) => setEdited((prev) => (prev.has(key) ? prev : new Set(prev).add(key)));
  const setSetting = (key: keyof Settings) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setSettings((s) => ({ ...s, [key]: e.target.value }));
    touch(key);
  };
  const setCred = (field: CredentialFieldName) => (patch: Partial<CredentialState>) => {
    setCreds((c) => ({ ...c, [field]: { ...c[field]!, ...patch } }));
    setClientErrors(({ [field]: _, ...rest }) => rest);
    touch(field);
  };

  const wanted = credentialFieldsFor(type, { authKind: settings.authKind });

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    for (const { name: field } of wanted) {
      const problem = checkCredential(creds[field]!, stored.get(field), FIELD_LABELS[field]);
      if (problem) errors[field] = problem;
    }
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
      return;
    }
    setEdited(new Set());
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };

  const text = (key: keyof Settings) => ({ name: key, value: settings[key], onChange: setSetting(key), errors: errorOf(key) ? [errorOf(key)!] : undefined });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="conn-form" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="projectId" value={projectId} />
      {connection && <input type="hidden" name="connectionId" value={connection.id} />}
      {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}

      <section className="card" aria-labelledby="conn-general">
        <h2 id="conn-general">Connection</h2>
        <div className="conn-grid">
          <Field label="Name" value={name} onChange={(e) => { setName(e.target.value); touch("name"); }} name="name" required maxLength={100} errors={errorOf("name") ? [errorOf("name")!] : undefined} />
          {connection ? (
            <div className="field">
              <span className="label">Type</span>
              <span className="conn-static">{TYPE_LABELS[connection.type]}</span>
              <input type="hidden" name="type" value={connection.type} />
            </div>
          ) : (
            <SelectField
              label="Type"
              name="type"
              value={type}
              onChange={(e) => setType(e.target.value as ConnectionType)}
              options={CONNECTION_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
            />
          )}
        </div>
      </section>

      <section className="card" aria-labelledby="conn-address">
        <h2 id="conn-address">Address</h2>
        <p className="muted small">Where Keyhold connects. Address fields take literal values only; secret references belong in the credentials.</p>
        {type === "postgres" && (
          <div className="conn-grid">
            <Field label="Host" {...text("host")} placeholder="db.example.com" autoComplete="off" />
            <Field label="Port" {...text("port")} inputMode="numeric" />
            <Field label="Database" {...text("database")} autoComplete="off" />
            <SelectField label="SSL mode" name="sslMode" value={settings.sslMode} onChange={setSetting("sslMode")} options={SSL_MODE_OPTIONS} errors={errorOf("sslMode") ? [errorOf("sslMode")!] : undefined} />
          </div>
        )}
        {type === "http" && (
          <div className="conn-grid">
            <Field label="Base URL" {...text("baseUrl")} placeholder="https://api.example.com" autoComplete="off" />
            <Field label="Test path" {...text("testPath")} hint="Requested with GET when you test the connection." />
            <SelectField label="Authentication" name="authKind" value={settings.authKind} onChange={setSetting("authKind")} options={AUTH_KIND_OPTIONS} errors={errorOf("authKind") ? [errorOf("authKind")!] : undefined} />
            {settings.authKind === "header" && <Field label="Header name" {...text("headerName")} placeholder="X-Api-Key" />}
          </div>
        )}
        {type === "https_cert" && (
          <div className="conn-grid single">
            <Field label="URL" {...text("url")} placeholder="https://mtls.example.com/health" hint="Keyhold completes a TLS handshake with the client certificate and requests this URL." autoComplete="off" />
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="conn-credentials">
        <h2 id="conn-credentials">Credentials</h2>
        {wanted.length === 0 ? (
          <p className="muted">This authentication needs no credentials.</p>
        ) : (
          <>
            <p className="muted small">
              Each credential is either a <strong>literal</strong>, encrypted here, or a <strong>secret reference</strong> that Keyhold resolves
              {provider ? ` through ${provider.label}` : ""} each time the connection is used.
            </p>
            <div className="conn-creds">
              {wanted.map(({ name: field, optional }) => (
                <CredentialField
                  key={field}
                  name={field}
                  label={FIELD_LABELS[field]}
                  optional={optional}
                  pem={PEM_FIELDS[field] !== undefined}
                  stored={stored.get(field)}
                  state={creds[field]!}
                  onChange={setCred(field)}
                  error={errorOf(field)}
                  provider={provider}
                  browserScope={{ workspaceId, projectId, config: "active" }}
                />
              ))}
            </div>
          </>
        )}
      </section>

      <div className="row end">
        <Link className="btn" href={connection ? `${base}/${connection.id}` : base}>Cancel</Link>
        <button type="submit" className="btn primary" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : connection ? "Save changes" : "Create connection"}
        </button>
      </div>
    </form>
  );
}
