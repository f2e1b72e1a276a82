"use client";
// The bulk re-point's report: what was re-pointed and what still needs attention, with the reason.
import { Alert } from "@/components/ui/alert";
import { FIELD_LABELS, type CredentialFieldName } from "@/lib/connections/types";
import type { RepointReport } from "@/lib/views/secrets";

export function RepointReportView({ report, message }: { report: RepointReport; message?: string }) {
  const label = (f: { connectionName: string; projectName: string; fieldName: CredentialFieldName }) => (
    <>
      <strong>{f.connectionName}</strong>{" "}
      <span className="muted">
        ({f.projectName}) · {FIELD_LABELS[f.fieldName] ?? f.fieldName}
      </span>
    </>
  );
  return (
    <section className="repoint-report" aria-label="Re-point report">
      <Alert kind={report.failed.length ? "warn" : "success"}>{message}</Alert>
      {report.repointed.length > 0 && (
        <>
          <h3 style={{ marginTop: 12 }}>Re-pointed</h3>
          <ul className="report-list" aria-label="Re-pointed fields">
            {report.repointed.map((f) => (
              <li key={`${f.connectionId}:${f.fieldName}`}>{label(f)}</li>
            ))}
          </ul>
        </>
      )}
      {report.failed.length > 0 && (
        <>
          <h3 style={{ marginTop: 12 }}>Still need attention</h3>
          <ul className="report-list" aria-label="Fields that still need attention">
            {report.failed.map((f) => (
              <li key={`${f.connectionId}:${f.fieldName}`}>
                {label(f)}
                <div className="small">{f.reason}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
