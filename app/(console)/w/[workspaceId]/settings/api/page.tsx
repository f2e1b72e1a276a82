import type { Metadata } from "next";
import { API_OPERATIONS } from "@/lib/api-contract/operations";
import { PROBLEM_STATUSES } from "@/lib/api-contract/problem";
import { API_SCOPES, SCOPE_DESCRIPTIONS } from "@/lib/api-contract/scopes";
import { OperationCard } from "./_components/operation-card";

export const metadata: Metadata = { title: "API reference" };

// The OpenAPI document rendered as plain HTML (no Swagger UI bundle: this page ships no JavaScript of its own).
// Operations, scopes and error shapes come from lib/api-contract, like /api/openapi.json (docs/api.md).
export default function ApiReferencePage() {
  const tags = [...new Set(API_OPERATIONS.map((o) => o.tag))];
  return (
    <>
      <section className="card" aria-labelledby="api-heading">
        <div className="card-header">
          <h2 id="api-heading">API reference</h2>
          <a className="btn" href="/api/openapi.json" download="keyhold-openapi.json">
            Download OpenAPI 3.1 document
          </a>
        </div>
        <p className="muted">
          Automation authenticates with a workspace API token (<code className="nowrap">Authorization: Bearer &lt;token&gt;</code>, created under API tokens).
          Every failure is an RFC 9457 problem (<code>application/problem+json</code>); no answer ever contains a secret value. Generate a client from{" "}
          <code>/api/openapi.json</code>.
        </p>
      </section>
      {tags.map((tag) => (
        <section key={tag} className="card" aria-labelledby={`tag-${tag.replace(/\W/g, "-")}`}>
          <h2 id={`tag-${tag.replace(/\W/g, "-")}`}>{tag}</h2>
          {API_OPERATIONS.filter((o) => o.tag === tag).map((op) => (
            <OperationCard key={op.id} op={op} />
          ))}
        </section>
      ))}
      <section className="card" aria-labelledby="scopes-heading">
        <h2 id="scopes-heading">Token scopes</h2>
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">What each scope allows</caption>
            <thead>
              <tr>
                <th scope="col">Scope</th>
                <th scope="col">Allows</th>
              </tr>
            </thead>
            <tbody>
              {API_SCOPES.map((s) => (
                <tr key={s}>
                  <td>
                    <code>{s}</code>
                  </td>
                  <td>{SCOPE_DESCRIPTIONS[s]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="errors-heading">
        <h2 id="errors-heading">Errors</h2>
        <p>
          A problem has <code>type</code> (a URI), <code>title</code>, <code>status</code>, <code>detail</code> (for a person), <code>instance</code> (the path)
          and, where it helps, <code>code</code> (to branch on), <code>fix</code> and <code>errors</code> (one entry per field or reference: <code>field</code>,{" "}
          <code>reference</code>, <code>detail</code>). Ignore members you do not know.
        </p>
        <pre className="code-block">
          {JSON.stringify(
            {
              type: "https://serverlessworkflow.io/spec/1.0.0/errors/authorization",
              title: "Secret not available",
              status: 403,
              detail: "1 reference could not be resolved: {{workato:sm:password:prod/db}}.",
              instance: "/api/v1/connections/42/test",
              errors: [{ field: "password", reference: "{{workato:sm:password:prod/db}}", code: "aws_access_denied", fix: "…" }],
            },
            null,
            2,
          )}
        </pre>
        <dl className="conn-dl">
          {Object.entries(PROBLEM_STATUSES).map(([status, meaning]) => (
            <div key={status}>
              <dt>{status}</dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
