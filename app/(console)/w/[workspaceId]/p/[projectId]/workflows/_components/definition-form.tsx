"use client";
import { useCallback } from "react";
import { saveWorkflowAction } from "@/lib/actions/workflows";
import { ActionForm } from "./action-form";

// The DSL's runtime-expression form, shown literally.
const SECRETS_EXPRESSION = ["$", "{ $secrets.name }"].join("");

export function DefinitionForm({ workspaceId, projectId, source }: { workspaceId: number; projectId: number; source: string }) {
  const next = useCallback(
    (data: { workflowId: number } | undefined) => (data ? `/w/${workspaceId}/p/${projectId}/workflows/${data.workflowId}` : null),
    [workspaceId, projectId],
  );
  return (
    <ActionForm action={saveWorkflowAction} hidden={{ workspaceId, projectId }} submit="Save definition" pendingLabel="Validating…" next={next}>
      <div className="field">
        <label htmlFor="workflow-source">Definition (YAML or JSON, Serverless Workflow DSL 1.0.0)</label>
        <textarea
          id="workflow-source"
          name="source"
          className="input mono"
          rows={24}
          spellCheck={false}
          defaultValue={source}
          required
          aria-describedby="workflow-source-hint"
        />
        <span id="workflow-source-hint" className="hint">
          Secrets are read by name only: <code>{SECRETS_EXPRESSION}</code> or <code>$SECRETS.name</code> in http calls and authentication, declared under
          use.secrets and mapped under Workflow secrets.
        </span>
      </div>
    </ActionForm>
  );
}
