"use client";
// Create and edit a connection. The fields depend on the type (and, for HTTP, the auth kind), so the form is
// controlled; it still posts FormData to saveConnectionAction through useActionState. It dispatches from
// onSubmit because React's automatic reset after a form action would snap controlled selects back to their
// first option (react#30580), and so the browser can stop a reference typed as a literal before it is sent.
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useCallback, useEffect, useRef, useState } from "react";
import { saveConnectionAction } from "@/lib/actions/connections";
import { CREDENTIAL_FIELDS, FIELD_LABELS, credentialFieldsFor, type ConnectionType, type CredentialFieldName } from "@/lib/connections/types";
import { Alert } from "@/components/ui/alert";
import { ReauthDialog } from "@/components/reauth-dialog";
import { destinationKeyOf } from "@/lib/connections/destination";
import { DestinationNotice } from "./destination-notice";
import { ConnectionTypeSection, useConnectionType, type OnPremGroupOption } from "./connection-type-section";
import { AddressSection, CredentialsSection, FormButtons, GeneralSection, type Settings } from "./connection-form-sections";
import { checkCredential, initialCredentialState, submission, type CredentialStates } from "./credential-state";
import type { ActiveProvider, CredentialState, EditableConnection, StoredField } from "./types";

const DEFAULT_SETTINGS: Settings = {
  host: "",
  port: "5432",
  database: "",
  sslMode: "require",
  baseUrl: "",
  authKind: "bearer",
  headerName: "",
  testPath: "/",
  url: "",
};

function initialSettings(stored: Record<string, unknown> | undefined): Settings {
  const out = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(out) as Array<keyof Settings>) {
    const v = stored?.[key];
    if (v !== undefined && v !== null) out[key] = String(v);
  }
  return out;
}

/** The browser-side check of the wanted credentials: a reference typed as a literal never leaves the page. */
function credentialErrors(
  wanted: ReadonlyArray<{ name: CredentialFieldName }>,
  creds: CredentialStates,
  stored: ReadonlyMap<CredentialFieldName, StoredField>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { name: field } of wanted) {
    const problem = checkCredential(creds[field]!, stored.get(field), FIELD_LABELS[field]);
    if (problem) errors[field] = problem;
  }
  return errors;
}

/** The saved and the edited destination, when the edit moves stored credentials that are kept as they are. */
function destinationMove(
  connection: EditableConnection | undefined,
  type: ConnectionType,
  settings: Record<string, unknown>,
  wanted: ReadonlyArray<{ name: CredentialFieldName }>,
  creds: CredentialStates,
  stored: ReadonlyMap<CredentialFieldName, StoredField>,
): { from: string; to: string } | null {
  if (!connection) return null;
  const from = destinationKeyOf(connection.type, connection.settings);
  const to = destinationKeyOf(type, settings);
  const keeps = wanted.some(({ name }) => stored.has(name) && submission(creds[name]!, stored.get(name)).mode === "keep");
  return from !== to && keeps ? { from, to } : null;
}

const focusFirstInvalid = (form: HTMLFormElement | null) => form?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();

export function ConnectionForm({
  workspaceId,
  projectId,
  connection,
  provider,
  canConfirmMove = false,
  onPremGroups = [],
}: {
  workspaceId: number;
  projectId: number;
  connection?: EditableConnection;
  provider: ActiveProvider | null;
  /** The workspace's on-prem groups: the "Connection type" choices besides Cloud. */
  onPremGroups?: OnPremGroupOption[];
  /** A project admin may move stored credentials to a new address after confirming their password. */
  canConfirmMove?: boolean;
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
  const [confirmMove, setConfirmMove] = useState(false);
  const [reauthOpen, setReauthOpen] = useState(false);
  useEffect(() => {
    if (state && !state.ok && state.reauthRequired) setReauthOpen(true);
  }, [state]);
  // After the password is confirmed, the same form is submitted again as it stands.
  const resubmit = useCallback(() => {
    setReauthOpen(false);
    formRef.current?.requestSubmit();
  }, []);

  const base = `/w/${workspaceId}/p/${projectId}/connections`;
  useEffect(() => {
    if (state?.ok && state.data) router.push(`${base}/${state.data.connectionId}?${connection ? "saved" : "created"}=1`);
  }, [state, router, base, connection]);
  useEffect(() => {
    if (state && !state.ok) focusFirstInvalid(formRef.current);
  }, [state]);

  const serverErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const errorOf = (key: string): string | undefined => clientErrors[key] ?? (edited.has(key) ? undefined : serverErrors[key]?.join(" "));
  const touch = (key: string) => setEdited((prev) => (prev.has(key) ? prev : new Set(prev).add(key)));
  const { usesProfile, via, section } = useConnectionType(connection?.settings, touch);
  const setSetting = (key: keyof Settings) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setSettings((s) => ({ ...s, [key]: e.target.value }));
    touch(key);
  };
  const setCred = (field: CredentialFieldName) => (patch: Partial<CredentialState>) => {
    setCreds((c) => ({ ...c, [field]: { ...c[field]!, ...patch } }));
    setClientErrors(({ [field]: _, ...rest }) => rest);
    touch(field);
  };
  const text = (key: keyof Settings) => ({ name: key, value: settings[key], onChange: setSetting(key), errors: errorOf(key) ? [errorOf(key)!] : undefined });

  const wanted = usesProfile ? [] : credentialFieldsFor(type, { authKind: settings.authKind });
  const move = destinationMove(connection, type, { ...settings, ...via }, wanted, creds, stored);
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errors = credentialErrors(wanted, creds, stored);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return void requestAnimationFrame(() => focusFirstInvalid(formRef.current));
    setEdited(new Set());
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };

  return (
    <>
      <form ref={formRef} action={formAction} onSubmit={onSubmit} className="conn-form" noValidate>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="projectId" value={projectId} />
        {connection && <input type="hidden" name="connectionId" value={connection.id} />}
        {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
        <GeneralSection
          connection={connection}
          name={name}
          onName={(v) => {
            setName(v);
            touch("name");
          }}
          type={type}
          onType={setType}
          errorOf={errorOf}
        />
        <ConnectionTypeSection groups={onPremGroups} {...section} errorOf={errorOf} />
        {!usesProfile && <AddressSection type={type} settings={settings} text={text} onSelect={setSetting} errorOf={errorOf} />}
        {!usesProfile && (
          <CredentialsSection
            wanted={wanted}
            provider={provider}
            stored={stored}
            creds={creds}
            onCredential={setCred}
            errorOf={errorOf}
            workspaceId={workspaceId}
            projectId={projectId}
          />
        )}
        {move && <DestinationNotice from={move.from} to={move.to} canConfirm={canConfirmMove} confirm={confirmMove} onConfirm={setConfirmMove} />}
        <FormButtons cancelHref={connection ? `${base}/${connection.id}` : base} pending={pending} editing={connection !== undefined} />
      </form>
      {/* Outside the form: React bubbles a portal's submit event to its React parents. */}
      {reauthOpen && (
        <ReauthDialog
          open
          reason="Moving stored credentials to a new address needs your password, entered within the last 5 minutes."
          onConfirmed={resubmit}
          onCancel={() => setReauthOpen(false)}
        />
      )}
    </>
  );
}
