import { useId } from "react";
import { PROJECT_ROLE_OPTIONS } from "./role-options";

/** One select per project, named project:<id>, as lib/validations/users.ts parses them. */
export function ProjectRoleFields({ projects, current }: { projects: Array<{ id: number; name: string }>; current?: Map<number, string> }) {
  const id = useId();
  if (projects.length === 0) return null;
  return (
    <fieldset className="field" style={{ border: "none", padding: 0, margin: 0 }}>
      <legend className="label">Project roles</legend>
      {projects.map((p) => (
        <div key={p.id} className="row" style={{ justifyContent: "space-between" }}>
          <label htmlFor={`${id}-${p.id}`}>{p.name}</label>
          <select id={`${id}-${p.id}`} name={`project:${p.id}`} className="input" style={{ width: 160 }} defaultValue={current?.get(p.id) ?? "none"}>
            {PROJECT_ROLE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
    </fieldset>
  );
}
