import type { SecretsErrorInit } from "@/lib/secrets/errors";
import { CopyButton } from "@/components/copy-button";
import { plural } from "./format";
import type { ProviderTestStep } from "@/lib/secrets/types";
import type { ProviderTestReport } from "@/lib/views/secrets";

const SNIPPET_TITLES: Partial<Record<SecretsErrorInit["code"], string>> = {
  aws_access_denied: "Statement to add to the role's permission policy",
  aws_kms_decrypt_denied: "Statement to add to the role's permission policy",
  aws_assume_role_denied: "The trust policy the role needs",
  vault_permission_denied: "Policy rule to add to the AppRole's policy",
};

const MARKS: Record<ProviderTestStep["status"], { mark: string; word: string }> = {
  ok: { mark: "✓", word: "passed" },
  failed: { mark: "✗", word: "failed" },
  skipped: { mark: "–", word: "not run" },
};

/** The outcome of "Test": each step with ✓/✗ and words (never colour alone), then the first failure's fix. */
export function TestResult({ report }: { report: ProviderTestReport }) {
  const body = <TestResultBody report={report} />;
  // Separate elements, so each role keeps the attributes it supports: a pass is announced politely, a failure at once.
  return report.ok ? (
    <div className="test-result ok" role="status" aria-label="Test result">
      {body}
    </div>
  ) : (
    <div className="test-result fail" role="alert" aria-label="Test result">
      {body}
    </div>
  );
}

function TestResultBody({ report }: { report: ProviderTestReport }) {
  const { secretCount, sampleNames, identity } = report;
  return (
    <>
      <div className="test-result-head">
        <span className={`badge ${report.ok ? "ok" : "fail"}`}>{report.ok ? "Passed" : "Failed"}</span>
        {identity && <strong>{plural(secretCount, "secret")} visible</strong>}
        <span className="small muted">
          {report.ok ? "in" : "after"} {report.ms} ms
        </span>
      </div>
      <ol className="test-steps" aria-label="Test steps" style={{ listStyle: "none", padding: 0, margin: "8px 0" }}>
        {report.steps.map((step) => (
          <TestStepRow key={step.label} step={step} />
        ))}
      </ol>
      {report.readUntested && report.ok && (
        <p className="small" style={{ margin: "6px 0" }}>
          Reading is untested: name a secret below and test again to prove Keyhold can read it.
        </p>
      )}
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
      {report.error && <ProviderError error={report.error} />}
    </>
  );
}

function TestStepRow({ step }: { step: ProviderTestStep }) {
  const { mark, word } = MARKS[step.status];
  return (
    <li className={`test-step ${step.status}`} style={{ margin: "4px 0" }}>
      <span aria-hidden="true" style={{ display: "inline-block", width: "1.5em", fontWeight: 700 }}>
        {mark}
      </span>
      <strong>{step.label}</strong> <span className="small">({word})</span>
      <div className="small" style={{ marginLeft: "1.5em" }}>
        {step.detail}
        {step.needs && step.status !== "ok" && (
          <>
            {" "}
            <span className="muted">Needs {step.needs}.</span>
          </>
        )}
      </div>
    </li>
  );
}

function ProviderError({ error }: { error: SecretsErrorInit }) {
  return (
    <div className="test-result-error" style={{ marginTop: 8 }}>
      <strong className="test-result-message">{error.message}</strong>
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
