"use client";
import { useId, useState } from "react";

/**
 * A secret the server keeps encrypted (client secret, AppRole secret ID, service-account key). When one is
 * stored the form shows "Set" and a Replace action; the stored value never reaches the browser, and an empty
 * field keeps it.
 */
export function WriteOnlyField({
  label,
  name,
  stored,
  value,
  onChange,
  errors,
  hint,
  multiline = false,
  placeholder,
}: {
  label: string;
  name: string;
  stored: boolean;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  hint?: string;
  multiline?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  const [replacing, setReplacing] = useState(false);
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  if (stored && !replacing) {
    return (
      <div className="field">
        <span className="label" id={`${id}-label`}>
          {label}
        </span>
        {/* biome-ignore lint/a11y/useSemanticElements: a named group of a status and its Replace button, not a form section. */}
        <div className="row write-only-set" aria-labelledby={`${id}-label`} role="group">
          <span className="badge ok">Set</span>
          <span className="small muted">Stored encrypted on the server; it is never shown.</span>
          <button type="button" className="btn small" aria-label={`Replace ${label.toLowerCase()}`} onClick={() => setReplacing(true)}>
            Replace
          </button>
        </div>
        {errors?.length ? <span className="error">{errors.join(" ")}</span> : null}
      </div>
    );
  }
  const common = {
    id,
    name,
    className: "input mono",
    value,
    placeholder,
    autoComplete: "off",
    spellCheck: false,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": describedBy,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={6} onChange={(e) => onChange(e.target.value)} />
      ) : (
        // biome-ignore lint/a11y/noAutofocus: after "Replace" the new input takes the focus the removed button had.
        <input {...common} type="password" autoComplete="new-password" onChange={(e) => onChange(e.target.value)} autoFocus={replacing} />
      )}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {errors?.length ? (
        <span id={`${id}-error`} className="error">
          {errors.join(" ")}
        </span>
      ) : null}
      {stored && (
        <button
          type="button"
          className="btn link small"
          style={{ justifySelf: "start" }}
          onClick={() => {
            onChange("");
            setReplacing(false);
          }}
        >
          Keep the stored {label.toLowerCase()}
        </button>
      )}
    </div>
  );
}
