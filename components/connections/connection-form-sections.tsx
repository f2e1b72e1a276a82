"use client";
// The three cards and the buttons of the connection form. Each gets the values it shows and the callbacks
// that change them; the state itself stays in ConnectionForm.
import Link from "next/link";
import { CONNECTION_TYPES, FIELD_LABELS, PEM_FIELDS, TYPE_LABELS, type ConnectionType, type CredentialFieldName } from "@/lib/connections/types";
import { Field, SelectField } from "@/components/ui/field";
import { AUTH_KIND_OPTIONS, SSL_MODE_OPTIONS } from "./labels";
import { CredentialField } from "./credential-field";
import type { CredentialStates } from "./credential-state";
import type { ActiveProvider, CredentialState, EditableConnection, StoredField } from "./types";

export type Settings = Record<"host" | "port" | "database" | "sslMode" | "baseUrl" | "authKind" | "headerName" | "testPath" | "url", string>;

/** Props for one text input bound to a setting: value, change handler and its error. */
type TextProps = (key: keyof Settings) => { name: string; value: string; onChange: React.ChangeEventHandler<HTMLInputElement>; errors: string[] | undefined };

const asErrors = (error: string | undefined) => (error ? [error] : undefined);

export function GeneralSection({
  connection,
  name,
  onName,
  type,
  onType,
  errorOf,
}: {
  connection?: EditableConnection;
  name: string;
  onName: (value: string) => void;
  type: ConnectionType;
  onType: (value: ConnectionType) => void;
  errorOf: (key: string) => string | undefined;
}) {
  return (
    <section className="card" aria-labelledby="conn-general">
      <h2 id="conn-general">Connection</h2>
      <div className="conn-grid">
        <Field label="Name" value={name} onChange={(e) => onName(e.target.value)} name="name" required maxLength={100} errors={asErrors(errorOf("name"))} />
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
            onChange={(e) => onType(e.target.value as ConnectionType)}
            options={CONNECTION_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
          />
        )}
      </div>
    </section>
  );
}

export function AddressSection({
  type,
  settings,
  text,
  onSelect,
  errorOf,
}: {
  type: ConnectionType;
  settings: Settings;
  text: TextProps;
  onSelect: (key: keyof Settings) => React.ChangeEventHandler<HTMLSelectElement>;
  errorOf: (key: string) => string | undefined;
}) {
  return (
    <section className="card" aria-labelledby="conn-address">
      <h2 id="conn-address">Address</h2>
      <p className="muted small">Where Keyhold connects. Address fields take literal values only; secret references belong in the credentials.</p>
      {type === "postgres" && (
        <div className="conn-grid">
          <Field label="Host" {...text("host")} placeholder="db.example.com" autoComplete="off" />
          <Field label="Port" {...text("port")} inputMode="numeric" />
          <Field label="Database" {...text("database")} autoComplete="off" />
          <SelectField
            label="SSL mode"
            name="sslMode"
            value={settings.sslMode}
            onChange={onSelect("sslMode")}
            options={SSL_MODE_OPTIONS}
            errors={asErrors(errorOf("sslMode"))}
          />
        </div>
      )}
      {type === "http" && (
        <div className="conn-grid">
          <Field label="Base URL" {...text("baseUrl")} placeholder="https://api.example.com" autoComplete="off" />
          <Field label="Test path" {...text("testPath")} hint="Requested with GET when you test the connection." />
          <SelectField
            label="Authentication"
            name="authKind"
            value={settings.authKind}
            onChange={onSelect("authKind")}
            options={AUTH_KIND_OPTIONS}
            errors={asErrors(errorOf("authKind"))}
          />
          {settings.authKind === "header" && <Field label="Header name" {...text("headerName")} placeholder="X-Api-Key" />}
        </div>
      )}
      {type === "https_cert" && (
        <div className="conn-grid single">
          <Field
            label="URL"
            {...text("url")}
            placeholder="https://mtls.example.com/health"
            hint="Keyhold completes a TLS handshake with the client certificate and requests this URL."
            autoComplete="off"
          />
        </div>
      )}
    </section>
  );
}

export function CredentialsSection({
  wanted,
  provider,
  stored,
  creds,
  onCredential,
  errorOf,
  workspaceId,
  projectId,
}: {
  wanted: ReadonlyArray<{ name: CredentialFieldName; optional: boolean }>;
  provider: ActiveProvider | null;
  stored: ReadonlyMap<CredentialFieldName, StoredField>;
  creds: CredentialStates;
  onCredential: (field: CredentialFieldName) => (patch: Partial<CredentialState>) => void;
  errorOf: (key: string) => string | undefined;
  workspaceId: number;
  projectId: number;
}) {
  return (
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
                onChange={onCredential(field)}
                error={errorOf(field)}
                provider={provider}
                browserScope={{ workspaceId, projectId, config: "active" }}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

export function FormButtons({ cancelHref, pending, editing }: { cancelHref: string; pending: boolean; editing: boolean }) {
  return (
    <div className="row end">
      <Link className="btn" href={cancelHref}>
        Cancel
      </Link>
      <button type="submit" className="btn primary" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : editing ? "Save changes" : "Create connection"}
      </button>
    </div>
  );
}
