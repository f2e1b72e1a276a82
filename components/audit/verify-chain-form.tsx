"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { verifyAuditChainAction } from "@/lib/actions/audit";

export function VerifyChainForm({ workspaceId }: { workspaceId: number }) {
  const [state, action] = useActionState(verifyAuditChainAction, null);
  return (
    <form action={action} aria-label="Verify audit chain" className="row">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <SubmitButton pendingLabel="Verifying…">Verify now</SubmitButton>
      {state && <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert>}
    </form>
  );
}
