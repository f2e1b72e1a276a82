"use client";
// The steps of a connection test: each reference (resolved, with its source and time, or its typed error with
// the fix and a command to copy), then the target. Only names, references and messages: never a value.
import { CREDENTIAL_FIELDS, FIELD_LABELS } from "@/lib/connections/types";
import type { SecretsErrorInit } from "@/lib/secrets/errors";
import { CopyButton } from "@/components/copy-button";
import { SOURCE_LABELS, formatWhen } from "./labels";
import type { ConnectionTestReport } from "@/lib/views/connections";

export function TestReport({ report }: { report: ConnectionTestReport }) {
  const failedRefs = report.references.filter((r) => !r.ok).length;
  // In the order the form shows the fields (user before password), whatever order they resolved in.
  const references = [...report.references].sort((a, b) => CREDENTIAL_FIELDS.indexOf(a.field) - CREDENTIAL_FIELDS.indexOf(b.field));
  return (
    <section className="conn-report" aria-label="Test results" data-tested-at={report.testedAt}>
      <div className={`alert ${report.ok ? (report.degraded ? "warn" : "success") : "error"}`} role={report.ok ? "status" : "alert"}>
        <strong>{report.ok ? "Connection works." : "Test failed."}</strong>{" "}
        {report.ok
          ? report.degraded
            ? "A secrets provider was unavailable, so the last good value was used: the connection is degraded."
            : references.length > 0
              ? "Every reference resolved and the target accepted the credentials."
              : "The target accepted the credentials."
          : failedRefs > 0
            ? `${failedRefs === 1 ? "A reference" : `${failedRefs} references`} did not resolve, so no connection was attempted.`
            : references.length > 0
              ? "The references resolved, but the target did not accept the connection."
              : "The target did not accept the connection."}
        <span className="conn-total">
          {" "}
          Total {report.totalMs} ms · {formatWhen(report.testedAt)}
        </span>
      </div>
      <ol className="conn-steps">
        {report.references.length === 0 && (
          <li className="conn-step ok">
            <StepIcon ok />
            <div className="conn-step-body">
              <div className="conn-step-title">No secret references</div>
              <div className="muted small">The stored literals were decrypted on the server and used.</div>
            </div>
          </li>
        )}
        {references.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one field may repeat a reference; a report never reorders.
          <li key={`${r.field}-${i}`} className={`conn-step ${r.ok ? "ok" : "fail"}`}>
            <StepIcon ok={r.ok} />
            <div className="conn-step-body">
              <div className="conn-step-title">
                Resolve {FIELD_LABELS[r.field] ?? r.field}
                <span className="conn-step-meta">{r.ok ? `${SOURCE_LABELS[r.source ?? "provider"]} · ${r.ms} ms` : `Failed · ${r.ms} ms`}</span>
              </div>
              <code className="conn-ref">{r.reference}</code>
              {r.error && <ErrorDetail error={r.error} />}
            </div>
          </li>
        ))}
        <li className={`conn-step ${report.target === null ? "skipped" : report.target.ok ? "ok" : "fail"}`}>
          <StepIcon ok={report.target?.ok ?? null} />
          <div className="conn-step-body">
            <div className="conn-step-title">
              Connect to the target
              {report.target && (
                <span className="conn-step-meta">
                  {report.target.ok ? "OK" : "Failed"} · {report.target.ms} ms
                </span>
              )}
            </div>
            <div className={report.target === null ? "muted small" : "small"}>
              {report.target === null ? "Not attempted: fix the references above, then test again." : report.target.message}
            </div>
          </div>
        </li>
      </ol>
    </section>
  );
}

function StepIcon({ ok }: { ok: boolean | null }) {
  return (
    <span className="conn-step-icon" aria-hidden>
      {ok === null ? "–" : ok ? "✓" : "✕"}
    </span>
  );
}

function ErrorDetail({ error }: { error: SecretsErrorInit }) {
  return (
    <div className="conn-error">
      <p className="conn-error-message">{error.message}</p>
      <p className="small">
        <strong>Fix:</strong> {error.fix}
      </p>
      {error.permission && (
        <p className="small">
          Missing permission: <code>{error.permission}</code>
        </p>
      )}
      {error.suggestions && error.suggestions.length > 0 && (
        <p className="small">
          Closest names:{" "}
          {error.suggestions.map((s, i) => (
            <span key={s}>
              {i > 0 && ", "}
              <code>{s}</code>
            </span>
          ))}
        </p>
      )}
      {error.command && (
        <div className="conn-command">
          <span className="label">Check it yourself</span>
          <div className="conn-command-row">
            <output className="conn-command-text" aria-label="Command">
              <code>{error.command}</code>
            </output>
            <CopyButton value={error.command} label="Copy command" />
          </div>
        </div>
      )}
      {error.snippet && (
        <details className="conn-snippet">
          <summary className="small">Policy to add</summary>
          <pre className="mono">{error.snippet}</pre>
          <CopyButton value={error.snippet} label="Copy policy" />
        </details>
      )}
    </div>
  );
}
