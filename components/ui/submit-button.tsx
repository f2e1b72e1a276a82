"use client";
import { useFormStatus } from "react-dom";

/** Disabled while its form's action runs, so a double click cannot submit twice. */
export function SubmitButton({ children, pendingLabel, className = "btn primary" }: { children: React.ReactNode; pendingLabel?: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-busy={pending}>
      {pending ? (pendingLabel ?? children) : children}
    </button>
  );
}
