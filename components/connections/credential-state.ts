// The pure part of the credential editor: initial state from what is stored, what the form submits
// (cred:<name> and cred:<name>:mode = keep | set | clear), and the checks the browser can make before sending.
import type { CredentialFieldName } from "@/lib/connections/types";
import { isLoneReference, REFERENCE_PREFIX, TEMPLATE_MASK } from "@/lib/secrets/references";
import type { CredentialState, StoredField } from "./types";

export function initialCredentialState(stored: StoredField | undefined, preferReference: boolean): CredentialState {
  if (stored?.mode === "literal") return { source: "literal", literal: "", reference: "", editing: false, remove: false, repoint: false };
  if (stored?.mode === "template") return { source: "reference", literal: "", reference: stored.template ?? "", editing: true, remove: false, repoint: false };
  return { source: preferReference ? "reference" : "literal", literal: "", reference: "", editing: true, remove: false, repoint: false };
}

export function submission(state: CredentialState, stored: StoredField | undefined): { mode: "keep" | "set" | "clear"; value: string } {
  if (stored && state.remove) return { mode: "clear", value: "" };
  if (stored?.mode === "literal" && !state.editing) return { mode: "keep", value: "" };
  const value = state.source === "literal" ? state.literal : state.reference;
  if (stored?.mode === "template" && state.source === "reference" && value === stored.template && !state.repoint) return { mode: "keep", value: "" };
  return { mode: "set", value };
}

/** Mistakes the server would not catch as such: a reference typed as a literal would be stored as one. */
export function checkCredential(state: CredentialState, stored: StoredField | undefined, label: string): string | null {
  const { mode, value } = submission(state, stored);
  if (mode !== "set") return null;
  if (value.trim() === "") return stored ? `Enter the new ${label.toLowerCase()}, or keep the stored one.` : null;
  if (state.source === "reference" && !value.includes(REFERENCE_PREFIX)) {
    return "A secret reference looks like {{workato:sm:…}}. Pick one with “Browse secrets”, or switch to Literal.";
  }
  if (state.source === "reference" && value.includes(TEMPLATE_MASK)) {
    return `${TEMPLATE_MASK} stands for text that is stored encrypted: re-enter the whole value, or undo your change to keep it.`;
  }
  if (state.source === "literal" && value.includes(REFERENCE_PREFIX)) {
    return "This looks like a secret reference: switch to Secret reference, or enter the value itself.";
  }
  return null;
}

/** Puts a reference where the caret is, or in place of a lone reference (the usual "pick another secret"). */
export function insertReference(current: string, reference: string, selection: { start: number; end: number } | null): { value: string; caret: number } {
  const lone = isLoneReference(current);
  if (current.trim() === "" || lone || !selection) {
    if (current.trim() === "" || lone) return { value: reference, caret: reference.length };
    return { value: current + reference, caret: current.length + reference.length };
  }
  const value = current.slice(0, selection.start) + reference + current.slice(selection.end);
  return { value, caret: selection.start + reference.length };
}

export type CredentialStates = Partial<Record<CredentialFieldName, CredentialState>>;
