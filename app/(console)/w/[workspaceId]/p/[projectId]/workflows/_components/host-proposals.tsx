"use client";
// Editors propose a host for the allow-list; project admins approve (password) or decline (docs/workflows.md).
import { decideHostAction, proposeHostAction } from "@/lib/actions/workflows";
import { Field } from "@/components/ui/field";
import { ActionForm } from "./action-form";

interface Ids {
  workspaceId: number;
  projectId: number;
}

export function ProposeHostForm({ workflowId, ...ids }: Ids & { workflowId: number }) {
  return (
    <ActionForm action={proposeHostAction} hidden={{ ...ids, workflowId }} submit="Propose host">
      {(state) => (
        <>
          <Field
            label="Host to propose"
            name="pattern"
            required
            hint="api.example.com, api.example.com:8443 or *.example.com."
            errors={state && !state.ok ? state.fieldErrors?.pattern : undefined}
          />
          <Field label="Why (for the admin)" name="reason" errors={state && !state.ok ? state.fieldErrors?.reason : undefined} />
        </>
      )}
    </ActionForm>
  );
}

export function ProposalDecision({ proposal, ...ids }: Ids & { proposal: { id: number; pattern: string } }) {
  return (
    <div className="row">
      <ActionForm action={decideHostAction} hidden={{ ...ids, proposalId: proposal.id, decision: "approve" }} submit={`Approve ${proposal.pattern}`}>
        {(state) => (
          <Field
            label={`Your password (approve ${proposal.pattern})`}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            errors={state && !state.ok ? state.fieldErrors?.currentPassword : undefined}
          />
        )}
      </ActionForm>
      <ActionForm action={decideHostAction} hidden={{ ...ids, proposalId: proposal.id, decision: "decline" }} submit={`Decline ${proposal.pattern}`}>
        {null}
      </ActionForm>
    </div>
  );
}
