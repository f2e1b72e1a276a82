"use client";
// What the lazy dialogs share (docs/accessibility.md "Lighter pages"): Radix loads with the first opening, not
// with the page, so the trigger is ours. It announces the dialog (aria-haspopup, aria-expanded), remembers who
// opened it, and gets focus back when the dialog closes, as a Radix Trigger would.
import { cloneElement, isValidElement, useEffect, useRef, useState } from "react";

type TriggerProps = { onClick?: (e: React.MouseEvent<HTMLElement>) => void };

export function useLazyDialog(open: boolean, onOpen: () => void, trigger?: React.ReactNode) {
  const opener = useRef<HTMLElement | null>(null);
  // Once loaded, the dialog stays mounted: closing it keeps its state like the eager version did.
  const [loaded, setLoaded] = useState(open);
  useEffect(() => {
    if (!open) return;
    setLoaded(true);
    if (!opener.current && document.activeElement instanceof HTMLElement) opener.current = document.activeElement;
  }, [open]);
  const element =
    trigger && isValidElement<TriggerProps>(trigger)
      ? cloneElement(trigger as React.ReactElement<TriggerProps & Record<string, unknown>>, {
          "aria-haspopup": "dialog",
          "aria-expanded": open,
          onClick: (e: React.MouseEvent<HTMLElement>) => {
            trigger.props.onClick?.(e);
            if (e.defaultPrevented) return;
            opener.current = e.currentTarget;
            onOpen();
          },
        })
      : trigger;
  /** For Radix's onCloseAutoFocus: focus goes back to what opened the dialog. */
  const returnFocus = (e: Event) => {
    e.preventDefault();
    const el = opener.current;
    opener.current = null;
    if (el?.isConnected) el.focus();
  };
  return { mounted: open || loaded, trigger: element, returnFocus };
}
