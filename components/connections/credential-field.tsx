"use client";
// One credential field: a literal (encrypted on the server) or a template with secret references, chosen with
// an inline Literal / Secret reference toggle. A stored literal only shows "Set" and can be replaced, never
// read back; a stored template is text and comes back as such.
import { useId, useRef, useState } from "react";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { SecretBrowser } from "@/components/secret-browser";
import type { SecretBrowserScope } from "@/lib/queries/secrets";
import type { CredentialFieldName } from "@/lib/connections/types";
import { VISIBLE_LITERALS } from "./labels";
import { insertReference, submission } from "./credential-state";
import type { ActiveProvider, CredentialState, StoredField } from "./types";

interface CredentialFieldProps {
  name: CredentialFieldName;
  label: string;
  optional: boolean;
  pem: boolean;
  stored: StoredField | undefined;
  state: CredentialState;
  onChange: (patch: Partial<CredentialState>) => void;
  error?: string;
  provider: ActiveProvider | null;
  browserScope: SecretBrowserScope;
}

export function CredentialField({ name, label, optional, pem, stored, state, onChange, error, provider, browserScope }: CredentialFieldProps) {
  const id = useId();
  const legendId = `${id}-legend`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const { mode, value } = submission(state, stored);
  const describedBy = [state.editing && !state.remove ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;

  return (
    <fieldset className="conn-cred">
      <legend id={legendId} className="conn-cred-legend">
        {label}
        {optional && <span className="muted conn-optional"> (optional)</span>}
      </legend>
      <input type="hidden" name={`cred:${name}:mode`} value={mode} />
      {mode === "set" && <input type="hidden" name={`cred:${name}`} value={value} />}

      {state.remove ? (
        <div className="row">
          <span className="badge warn">Removed when you save</span>
          {stored?.mode === "template" && (
            <span className="muted small">Its secret reference stops resolving for this connection; nothing else uses this field.</span>
          )}
          <button type="button" className="btn small" onClick={() => onChange({ remove: false })}>
            Undo
          </button>
        </div>
      ) : stored?.mode === "literal" && !state.editing ? (
        <div className="row">
          <span className="badge ok">Set</span>
          <span className="muted small">A literal, stored encrypted. It is never shown.</span>
          <button type="button" className="btn small" onClick={() => onChange({ editing: true, source: "literal", literal: "", reference: "" })}>
            Replace
          </button>
          {optional && (
            <button type="button" className="btn small" onClick={() => onChange({ remove: true })}>
              Remove
            </button>
          )}
        </div>
      ) : (
        <>
          <div className="conn-source" role="radiogroup" aria-label="Value source">
            {(["literal", "reference"] as const).map((source) => (
              <label key={source} className="conn-source-option">
                <input type="radio" name={`source:${name}`} value={source} checked={state.source === source} onChange={() => onChange({ source })} />
                {source === "literal" ? "Literal" : "Secret reference"}
              </label>
            ))}
          </div>
          {state.source === "literal" ? (
            <LiteralInput
              name={name}
              pem={pem}
              value={state.literal}
              onChange={(literal) => onChange({ literal })}
              labelledBy={legendId}
              describedBy={describedBy}
              invalid={!!error}
            />
          ) : (
            <ReferenceInput
              label={label}
              value={state.reference}
              onChange={(reference) => onChange({ reference })}
              labelledBy={legendId}
              describedBy={describedBy}
              invalid={!!error}
              provider={provider}
              browserScope={browserScope}
            />
          )}
          <span id={hintId} className="hint">
            {state.source === "literal" ? (
              pem ? (
                "Paste the PEM block with its line breaks, or on one line with \\n escapes. It is checked and stored encrypted."
              ) : (
                "Stored encrypted; after saving it is never shown again."
              )
            ) : provider ? (
              pem ? (
                <>
                  Resolved through {provider.label} when the connection is used. Format: <code>{provider.format}</code>. The secret holds the PEM block; one
                  line with \n escapes is fine.
                </>
              ) : (
                <>
                  Resolved through {provider.label} when the connection is used. Format: <code>{provider.format}</code>; text around a reference is kept, e.g.{" "}
                  <code>Bearer {"{{…}}"}</code>.
                </>
              )
            ) : (
              "No secrets provider is active for this project yet: configure one in the workspace’s secrets settings, or enter a literal."
            )}
          </span>
          {stored?.mode === "template" && stored.scopeChanged && state.source === "reference" && (
            <div className="alert warn conn-scope-warning">
              <strong>Scope changed.</strong> This reference was saved under a secrets configuration that is no longer active, so it fails until it is saved
              again under the active one.
              <label className="conn-check">
                <input type="checkbox" checked={state.repoint} onChange={(e) => onChange({ repoint: e.target.checked })} />
                Re-point it to the active configuration when saving
              </label>
            </div>
          )}
          {stored && (
            <div className="row conn-cred-actions">
              {stored.mode === "literal" && (
                <button type="button" className="btn small" onClick={() => onChange({ editing: false })}>
                  Keep the stored value
                </button>
              )}
              {optional && (
                <button type="button" className="btn small" onClick={() => onChange({ remove: true })}>
                  Remove
                </button>
              )}
            </div>
          )}
        </>
      )}
      {error && (
        <span id={errorId} className="error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}

function LiteralInput({
  name,
  pem,
  value,
  onChange,
  labelledBy,
  describedBy,
  invalid,
}: {
  name: CredentialFieldName;
  pem: boolean;
  value: string;
  onChange: (v: string) => void;
  labelledBy: string;
  describedBy?: string;
  invalid: boolean;
}) {
  const common = {
    className: "input mono",
    value,
    "aria-labelledby": labelledBy,
    "aria-describedby": describedBy,
    "aria-invalid": invalid || undefined,
    autoComplete: "off",
    spellCheck: false,
  } as const;
  if (pem) {
    return <textarea {...common} rows={6} placeholder={"-----BEGIN …-----\n…\n-----END …-----"} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <input
      {...common}
      type={VISIBLE_LITERALS.has(name) ? "text" : "password"}
      autoComplete={VISIBLE_LITERALS.has(name) ? "off" : "new-password"}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function ReferenceInput({
  label,
  value,
  onChange,
  labelledBy,
  describedBy,
  invalid,
  provider,
  browserScope,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  labelledBy: string;
  describedBy?: string;
  invalid: boolean;
  provider: ActiveProvider | null;
  browserScope: SecretBrowserScope;
}) {
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // Where the caret goes once the dialog has closed and handed focus back to its trigger.
  const caretAfterClose = useRef<number | null>(null);
  const focusField = () => {
    const caret = caretAfterClose.current;
    if (caret === null || !input.current) return;
    caretAfterClose.current = null;
    input.current.focus();
    input.current.setSelectionRange(caret, caret);
  };
  const insert = (reference: string) => {
    const el = input.current;
    const selection = el && el.selectionStart !== null && el.selectionEnd !== null ? { start: el.selectionStart, end: el.selectionEnd } : null;
    const next = insertReference(value, reference, selection);
    onChange(next.value);
    caretAfterClose.current = next.caret;
    setOpen(false);
  };
  return (
    <div className="conn-reference-row">
      <input
        ref={input}
        className="input mono"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        placeholder={provider?.format ?? "{{workato:sm:…}}"}
        autoComplete="off"
        spellCheck={false}
      />
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Pick a secret for ${label.replace(/ \(PEM\)$/, "")}`}
        description={provider ? `Secrets in ${provider.label}. Only names are listed, never values.` : undefined}
        trigger={
          <button type="button" className="btn" disabled={!provider} onFocus={focusField}>
            Browse secrets
          </button>
        }
      >
        <div className="conn-browser">{open && <SecretBrowser scope={browserScope} onInsert={insert} />}</div>
        <div className="actions">
          <DialogClose asChild>
            <button type="button" className="btn">
              Close
            </button>
          </DialogClose>
        </div>
      </Dialog>
    </div>
  );
}
