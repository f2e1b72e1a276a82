"use client";
import { setAllowedHostsAction } from "@/lib/actions/workflows";
import { Field } from "@/components/ui/field";
import { ActionForm } from "./action-form";

export function HostsForm({ workspaceId, projectId, workflowId, hosts }: { workspaceId: number; projectId: number; workflowId: number; hosts: string[] }) {
  return (
    <ActionForm action={setAllowedHostsAction} hidden={{ workspaceId, projectId, workflowId }} submit="Save allowed hosts">
      {(state) => (
        <>
          <div className="field">
            <label htmlFor="allowed-hosts">Allowed hosts (one per line)</label>
            <textarea id="allowed-hosts" name="hosts" className="input mono" rows={4} defaultValue={hosts.join("\n")} aria-describedby="allowed-hosts-hint" />
            <span id="allowed-hosts-hint" className="hint">
              api.example.com, api.example.com:8443 or *.example.com. Saving lets the secrets this workflow reads go to these hosts; a request carrying a secret
              to any other host raises the authorization error.
            </span>
          </div>
          <Field
            label="Your password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            hint="Changing where secrets can go needs your password again."
            errors={state && !state.ok ? state.fieldErrors?.currentPassword : undefined}
          />
        </>
      )}
    </ActionForm>
  );
}
