"use client";
import { cancelRunAction } from "@/lib/actions/workflows";
import { ActionForm } from "./action-form";

export function CancelRun({ workspaceId, projectId, runId }: { workspaceId: number; projectId: number; runId: string }) {
  return (
    <ActionForm action={cancelRunAction} hidden={{ workspaceId, projectId, runId }} submit="Cancel run" pendingLabel="Cancelling…">
      {null}
    </ActionForm>
  );
}
