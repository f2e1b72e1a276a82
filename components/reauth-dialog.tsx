"use client";
// "Confirm your password": opened when a sensitive action answers `reauthRequired` (lib/auth/reauth.ts). On
// success the caller submits its action again. Radix loads with the first opening (./reauth-dialog-impl.tsx),
// not with the page (docs/accessibility.md "Lighter pages"); focus goes back to what had it when it closes.
import dynamic from "next/dynamic";
import { useLazyDialog } from "./ui/lazy-trigger";

const ReauthDialogImpl = dynamic(() => import("./reauth-dialog-impl").then((m) => m.ReauthDialogImpl), { ssr: false });

export function ReauthDialog(props: { open: boolean; reason: string; onConfirmed: () => void; onCancel: () => void }) {
  const lazy = useLazyDialog(props.open, () => {});
  return lazy.mounted ? <ReauthDialogImpl {...props} returnFocus={lazy.returnFocus} /> : null;
}
