// One operation of the API reference: method and path, who may call it, parameters and answers. Server-rendered.
import { z } from "zod";
import type { ApiOperation } from "@/lib/api-contract/operations";
import { scopeOf } from "@/lib/api-contract/operations";

type Property = { type?: string; enum?: unknown[]; description?: string };

function parameterRows(op: ApiOperation): Array<{ name: string; where: string; type: string; required: boolean; description: string }> {
  const sources = [
    ["path", op.params],
    ["query", op.query],
  ] as const;
  return sources.flatMap(([where, object]) => {
    if (!object) return [];
    const schema = z.toJSONSchema(object, { io: "input", unrepresentable: "any" }) as { properties: Record<string, Property>; required?: string[] };
    return Object.entries(schema.properties).map(([name, p]) => ({
      name,
      where,
      type: p.enum ? p.enum.join(" | ") : (p.type ?? "any"),
      required: where === "path" || (schema.required ?? []).includes(name),
      description: p.description ?? "",
    }));
  });
}

function bodyFields(body: z.ZodType): string[] {
  const schema = z.toJSONSchema(body, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, Property> };
  return Object.entries(schema.properties ?? {}).map(([name, p]) => `${name}: ${p.type ?? "any"}`);
}

export function OperationCard({ op }: { op: ApiOperation }) {
  const scope = scopeOf(op);
  const sessionRoles = op.auth.kind === "session" ? op.auth.roles : op.auth.sessionRoles;
  const rows = parameterRows(op);
  const headingId = `op-${op.id}`;
  return (
    <article className="api-op" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className={`badge api-method api-${op.method}`}>{op.method.toUpperCase()}</span> <code className="wrap-anywhere">{op.path}</code>
      </h3>
      <p>
        <strong>{op.summary}.</strong> {op.description}
      </p>
      <p className="small">
        {scope && (
          <>
            Token scope: <code>{scope}</code> (or <code>admin</code>)
          </>
        )}
        {scope && sessionRoles && " · "}
        {sessionRoles && <>Console session: {sessionRoles}</>}
        {" · "}operationId <code>{op.id}</code>
      </p>
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Parameters of {op.id}</caption>
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">In</th>
                <th scope="col">Type</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.where}-${r.name}`}>
                  <td>
                    <code>{r.name}</code>
                    {r.required ? " (required)" : ""}
                  </td>
                  <td>{r.where}</td>
                  <td className="small">{r.type}</td>
                  <td className="small">{r.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {op.body && (
        <p className="small">
          JSON body (optional):{" "}
          {bodyFields(op.body).map((f) => (
            <code key={f} className="api-field">
              {f}
            </code>
          ))}
        </p>
      )}
      <p className="small">
        Answers: <strong>{op.success.status}</strong> <code>{op.success.name}</code> ({op.success.description}) · problems{" "}
        {op.problems.map((s) => (
          <span key={s} className="badge">
            {s}
          </span>
        ))}
      </p>
    </article>
  );
}
