import type { SecretsErrorInit } from "@/lib/secrets/errors";
import { CopyButton } from "@/components/copy-button";
import { plural } from "./format";
import type { ProviderTestReport } from "@/lib/views/secrets";

const SNIPPET_TITLES: Partial<Record<SecretsErrorInit["code"], string>> = {
  aws_access_denied: "Statement to add to the role's permission policy",
  aws_kms_decrypt_denied: "Statement to add to the role's permission policy",
  aws_assume_role_denied: "The trust policy the role needs",
  vault_permission_denied: "Policy rule to add to the AppRole's policy",
};

/** The outcome of "Test": what the provider showed us, or the typed error with its fix and next step. */
export function TestResult({ report }: { report: ProviderTestReport }) {
  if (report.ok) {
    const { secretCount, sampleNames, identity } = report.result;
    return (
      <div className="test-result ok" role="status" aria-label="Test result">
        <div className="test-result-head">
          <span className="badge ok">Passed</span>
          <strong>{plural(secretCount, "secret")} visible</strong>
          <span className="small muted">in {report.ms} ms</span>
        </div>
        <p className="small" style={{ margin: "6px 0" }}>
          {identity}
        </p>
        {sampleNames.length > 0 && (
          <div className="small">
            <span className="muted">For example: </span>
            {sampleNames.map((name) => (
              <code key={name} className="chip">
                {name}
              </code>
            ))}
          </div>
        )}
      </div>
    );
  }
  return <ProviderError error={report.error} ms={report.ms} />;
}

function ProviderError({ error, ms }: { error: SecretsErrorInit; ms?: number }) {
  return (
    <div className="test-result fail" role="alert" aria-label="Test result">
      <div className="test-result-head">
        <span className="badge fail">Failed</span>
        <strong className="test-result-message">{error.message}</strong>
        {ms !== undefined && <span className="small muted">after {ms} ms</span>}
      </div>
      {error.permission && (
        <p className="small" style={{ margin: "6px 0 0" }}>
          Missing permission: <code className="chip">{error.permission}</code>
        </p>
      )}
      <h3 className="test-result-subhead">How to fix it</h3>
      <p style={{ margin: 0 }}>{error.fix}</p>
      {error.suggestions && error.suggestions.length > 0 && (
        <p className="small" style={{ margin: "6px 0 0" }}>
          Closest names:{" "}
          {error.suggestions.map((s) => (
            <code key={s} className="chip">
              {s}
            </code>
          ))}
        </p>
      )}
      {error.snippet && (
        <div className="code-panel" style={{ marginTop: 12 }}>
          <div className="code-panel-head">
            <span className="label">{SNIPPET_TITLES[error.code] ?? "Suggested fix"}</span>
            <CopyButton value={error.snippet} label="Copy snippet" />
          </div>
          <pre className="code-block" data-testid="error-snippet" tabIndex={0}>
            {error.snippet}
          </pre>
        </div>
      )}
      {error.command && (
        <div className="code-panel" style={{ marginTop: 12 }}>
          <div className="code-panel-head">
            <span className="label">Check it yourself with the provider’s CLI</span>
            <CopyButton value={error.command} label="Copy command" />
          </div>
          <pre className="code-block wrap-lines" data-testid="error-command" tabIndex={0}>
            {error.command}
          </pre>
        </div>
      )}
    </div>
  );
}
