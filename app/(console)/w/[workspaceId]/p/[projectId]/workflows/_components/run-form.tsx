"use client";
import { useCallback } from "react";
import { startRunAction } from "@/lib/actions/workflows";
import { Field } from "@/components/ui/field";
import { ActionForm } from "./action-form";

export function RunForm({ workspaceId, projectId, workflowId }: { workspaceId: number; projectId: number; workflowId: number }) {
  const next = useCallback(
    (data: { runId: string } | undefined) => (data ? `/w/${workspaceId}/p/${projectId}/workflows/runs/${data.runId}` : null),
    [workspaceId, projectId],
  );
  return (
    <ActionForm action={startRunAction} hidden={{ workspaceId, projectId, workflowId }} submit="Run" pendingLabel="Queuing…" next={next}>
      <div className="field">
        <label htmlFor="run-input">Input (JSON object)</label>
        <textarea id="run-input" name="input" className="input mono" rows={5} defaultValue="{}" spellCheck={false} />
      </div>
      <Field label="Timeout (seconds)" name="timeoutSeconds" type="number" min={1} max={1800} placeholder="300" hint="Optional; at most 1800." />
    </ActionForm>
  );
}
