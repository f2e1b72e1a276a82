"use client";
// The scope and project-limit fields of the token form, from the one scope table (lib/auth/token-scopes.ts).
import { useState } from "react";
import { TOKEN_SCOPE_NAMES, TOKEN_SCOPES } from "@/lib/auth/token-scopes";
import { PROJECT_FIELD, SCOPE_FIELD } from "@/lib/validations/api-token-fields";

function FieldError({ errors }: { errors?: string[] }) {
  return errors?.length ? <span className="error">{errors.join(" ")}</span> : null;
}

export function ScopeChoices({ errors }: { errors?: string[] }) {
  return (
    <fieldset className="radio-group">
      <legend className="label">Scopes</legend>
      {TOKEN_SCOPE_NAMES.map((scope) => (
        <label key={scope} className="radio-option">
          <input type="checkbox" name={`${SCOPE_FIELD}${scope}`} />
          <span>
            {TOKEN_SCOPES[scope].label} <code className="small">{scope}</code>
            <span className="small muted"> — {TOKEN_SCOPES[scope].description}</span>
          </span>
        </label>
      ))}
      <FieldError errors={errors} />
    </fieldset>
  );
}

export function ProjectChoices({ projects, errors }: { projects: Array<{ id: number; name: string }>; errors?: string[] }) {
  const [limited, setLimited] = useState(false);
  return (
    <fieldset className="radio-group">
      <legend className="label">Projects</legend>
      <label className="radio-option">
        <input type="radio" name="projects" value="all" checked={!limited} onChange={() => setLimited(false)} />
        <span>Every project of the workspace</span>
      </label>
      <label className="radio-option">
        <input type="radio" name="projects" value="some" checked={limited} onChange={() => setLimited(true)} />
        <span>
          Only these projects<span className="small muted"> — workspace-wide calls (clear cache, the workspace&apos;s secret browser) are then refused</span>
        </span>
      </label>
      {limited && (
        <div style={{ paddingLeft: 24, display: "grid", gap: 4 }}>
          {projects.map((p) => (
            <label key={p.id} className="radio-option">
              <input type="checkbox" name={`${PROJECT_FIELD}${p.id}`} />
              <span>{p.name}</span>
            </label>
          ))}
        </div>
      )}
      <FieldError errors={errors} />
    </fieldset>
  );
}
