"use client";
// "Clear cache" in the workspace's cache settings: the console's clear_cache, behind the one ConfirmDialog.
import { useCallback, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Alert } from "@/components/ui/alert";
import { clearSecretsCacheAction } from "@/lib/actions/secrets-settings";

export function ClearCacheButton({ workspaceId }: { workspaceId: number }) {
  const [done, setDone] = useState<string | null>(null);
  const onDone = useCallback((result: { message?: string }) => setDone(result.message ?? "Cache cleared."), []);
  return (
    <div style={{ marginTop: 16 }}>
      <ConfirmDialog
        trigger={
          <button type="button" className="btn">
            Clear cache…
          </button>
        }
        title="Clear the secrets cache?"
        confirmLabel="Clear cache"
        pendingLabel="Clearing…"
        action={clearSecretsCacheAction}
        fields={{ workspaceId }}
        onDone={onDone}
      >
        <p>
          Every cached secret value of this workspace is dropped, on every console instance. Connections fetch current values from the secrets provider on next
          use, so the next tests and runs make provider calls again. Use it after rotating secrets.
        </p>
      </ConfirmDialog>
      {done && <Alert kind="success">{done}</Alert>}
    </div>
  );
}
