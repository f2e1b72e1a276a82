"use client";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { revokeAgentKeyAction } from "@/lib/actions/onprem-groups";

export function RevokeKeyButton({ workspaceId, keyId, name, prefix }: { workspaceId: number; keyId: number; name: string; prefix: string }) {
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="btn small" aria-label={`Revoke ${name}`}>
          Revoke
        </button>
      }
      title={`Revoke “${name}”?`}
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      destructive
      action={revokeAgentKeyAction}
      fields={{ workspaceId, keyId }}
    >
      <p>
        Agents using <code>{prefix}_…</code> are disconnected within seconds and cannot reconnect. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
