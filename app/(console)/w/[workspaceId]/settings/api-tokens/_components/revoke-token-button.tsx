"use client";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { revokeApiTokenAction } from "@/lib/actions/api-tokens";

export function RevokeTokenButton({ workspaceId, tokenId, name, prefix }: { workspaceId: number; tokenId: number; name: string; prefix: string }) {
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="btn small" aria-label={`Revoke ${name}`}>
          Revoke
        </button>
      }
      title={`Revoke “${name}”?`}
      confirmLabel="Revoke token"
      pendingLabel="Revoking…"
      destructive
      action={revokeApiTokenAction}
      fields={{ workspaceId, tokenId }}
    >
      <p>
        Calls with <code>{prefix}_…</code> get 401 from now on. Whatever uses it stops working until you give it a new token. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
