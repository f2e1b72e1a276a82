"use client";
// What a destructive change stops resolving (docs/scopes.md "Impact before anything breaks"), as every
// confirmation shows it: counts first, then the connections (with their fields) and the workflows (with the
// workflow secrets they read), a page at a time so a workspace with thousands of references stays readable.
import { useState } from "react";
import { FIELD_LABELS } from "@/lib/connections/types";
import type { ImpactReport } from "@/lib/views/impact";
import { plural } from "./format";

const PAGE = 20;

interface Row {
  key: string;
  name: string;
  detail: string;
}

function connectionRows(report: ImpactReport): Row[] {
  const byConnection = new Map<number, Row & { fields: string[] }>();
  for (const f of report.fields) {
    const row = byConnection.get(f.connectionId) ?? { key: `c${f.connectionId}`, name: f.connectionName, detail: f.projectName, fields: [] };
    row.fields.push(FIELD_LABELS[f.fieldName] ?? f.fieldName);
    byConnection.set(f.connectionId, row);
  }
  return [...byConnection.values()].map((r) => ({ key: r.key, name: r.name, detail: `${r.detail} · ${r.fields.join(", ")}` }));
}

function workflowRows(report: ImpactReport): Row[] {
  const read = new Set(report.workflows.flatMap((w) => w.secrets.map((s) => `${w.projectId}:${s}`)));
  const unread = report.workflowSecrets.filter((s) => !read.has(`${s.projectId}:${s.name}`));
  return [
    ...report.workflows.map((w) => ({ key: `w${w.workflowId}`, name: `${w.namespace}/${w.name}`, detail: `${w.projectName} · reads ${w.secrets.join(", ")}` })),
    ...unread.map((s) => ({ key: `s${s.projectId}:${s.name}`, name: `Workflow secret ${s.name}`, detail: `${s.projectName} · no workflow reads it yet` })),
  ];
}

function PagedList({ label, rows }: { label: string; rows: Row[] }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <>
      <ul className="affected-list" aria-label={label}>
        {rows.slice(0, shown).map((r) => (
          <li key={r.key}>
            <strong>{r.name}</strong> <span className="small muted">{r.detail}</span>
          </li>
        ))}
      </ul>
      {rows.length > shown && (
        <button type="button" className="btn small" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, rows.length - shown)} more of {rows.length - shown}
        </button>
      )}
    </>
  );
}

export function ImpactList({ report, nothing }: { report: ImpactReport; nothing: string }) {
  const connections = connectionRows(report);
  const workflows = workflowRows(report);
  if (connections.length === 0 && workflows.length === 0) return <p>{nothing}</p>;
  return (
    <div className="impact">
      <p>
        <strong>
          {plural(report.fields.length, "field")} in {plural(report.connectionCount, "connection")}
          {report.workflowSecrets.length > 0 &&
            ` and ${plural(report.workflowSecrets.length, "workflow secret")} used by ${plural(report.workflows.length, "workflow")}`}
        </strong>{" "}
        will stop resolving:
      </p>
      {connections.length > 0 && <PagedList label="Affected connections" rows={connections} />}
      {workflows.length > 0 && <PagedList label="Affected workflows" rows={workflows} />}
    </div>
  );
}
