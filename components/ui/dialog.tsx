"use client";
// A modal form dialog on Radix (focus trap, Escape, labelled by its title). Its content unmounts when it closes,
// so a form inside starts afresh each time: what it revealed once (a one-time password, a token) is gone.
// Radix (13 kB gzipped) loads with the first opening (./dialog-impl.tsx), not with the page: every console page
// has a dialog somewhere, and the page budget is 150 kB (docs/accessibility.md "Lighter pages").
import dynamic from "next/dynamic";
import { cloneElement, isValidElement, useContext } from "react";
import { DialogCloseContext } from "./dialog-context";
import { useLazyDialog } from "./lazy-trigger";

const DialogImpl = dynamic(() => import("./dialog-impl").then((m) => m.DialogImpl), { ssr: false });

export function Dialog({
  trigger,
  open,
  onOpenChange,
  ...rest
}: {
  trigger: React.ReactNode;
  title: string;
  description?: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: React.ReactNode;
}) {
  const lazy = useLazyDialog(open, () => onOpenChange(true), trigger);
  return (
    <>
      {lazy.trigger}
      {lazy.mounted && <DialogImpl {...rest} open={open} onOpenChange={onOpenChange} returnFocus={lazy.returnFocus} />}
    </>
  );
}

/** Closes the surrounding Dialog when its child (a button) is clicked. */
export function DialogClose({ children }: { asChild?: boolean; children: React.ReactElement<{ onClick?: (e: React.MouseEvent) => void }> }) {
  const close = useContext(DialogCloseContext);
  if (!isValidElement(children)) return children;
  return cloneElement(children, {
    onClick: (e: React.MouseEvent) => {
      children.props.onClick?.(e);
      if (!e.defaultPrevented) close?.();
    },
  });
}

/** The button that ends a dialog once its work is done (a created group, a key shown once). */
export function DialogDone() {
  return (
    <DialogClose asChild>
      <button type="button" className="btn primary">
        Done
      </button>
    </DialogClose>
  );
}
