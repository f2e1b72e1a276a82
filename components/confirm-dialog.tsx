"use client";
// The one confirmation for destructive or scope-changing actions (docs/style.md rule 11): it stays open while the
// action runs, shows the action's error inline, and closes only on success. Radix loads with the first opening
// (./confirm-dialog-impl.tsx), not with the page (docs/accessibility.md "Lighter pages").
import dynamic from "next/dynamic";
import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { Action } from "./confirm-dialog-impl";
import { useLazyDialog } from "./ui/lazy-trigger";

const ConfirmDialogImpl = dynamic(() => import("./confirm-dialog-impl").then((m) => m.ConfirmDialogImpl), { ssr: false });

export function ConfirmDialog({
  trigger,
  ...rest
}: {
  trigger: React.ReactNode;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  action: Action;
  fields: Record<string, string | number>;
  destructive?: boolean;
  onDone?: (result: ActionResult) => void;
}) {
  const [open, setOpen] = useState(false);
  const lazy = useLazyDialog(open, () => setOpen(true), trigger);
  return (
    <>
      {lazy.trigger}
      {lazy.mounted && <ConfirmDialogImpl {...rest} open={open} setOpen={setOpen} returnFocus={lazy.returnFocus} />}
    </>
  );
}
