"use client";
import * as RadixDialog from "@radix-ui/react-dialog";

import { DialogCloseContext } from "./dialog-context";

/** The Radix part of components/ui/dialog.tsx, loaded when the dialog first opens. */
export function DialogImpl({
  title,
  description,
  open,
  onOpenChange,
  returnFocus,
  children,
}: {
  title: string;
  description?: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocus: (e: Event) => void;
  children: React.ReactNode;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content className="dialog" onCloseAutoFocus={returnFocus}>
          <RadixDialog.Title asChild>
            <h2>{title}</h2>
          </RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="muted">{description}</RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
          )}
          <DialogCloseContext.Provider value={() => onOpenChange(false)}>{children}</DialogCloseContext.Provider>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
