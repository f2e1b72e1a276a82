// One audit event for people (lib/views/audit-event.ts): the sentence, its fields with "from → to", and the
// stored JSON one click away. Server component: no client JavaScript.
import type { AuditEventLike } from "@/lib/views/audit-event";
import { describeAuditEvent } from "@/lib/views/audit-event";

export function AuditEventDetail({ event }: { event: AuditEventLike }) {
  const { sentence, fields } = describeAuditEvent(event);
  return (
    <div className="audit-detail">
      <p style={{ margin: 0 }}>{sentence}</p>
      {fields.length > 0 && (
        <dl className="audit-fields small">
          {fields.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>
                {f.value ?? (
                  <>
                    <span className="audit-from">{f.from}</span> <span aria-hidden="true">→</span>
                    <span className="sr-only"> changed to </span> <span className="audit-to">{f.to}</span>
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <details className="small">
        <summary>Raw JSON</summary>
        <pre className="mono" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word", margin: 0 }}>
          {JSON.stringify(event.detail, null, 2)}
        </pre>
      </details>
    </div>
  );
}
