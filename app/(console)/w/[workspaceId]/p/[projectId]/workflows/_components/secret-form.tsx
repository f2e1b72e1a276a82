"use client";
// Map a workflow secret name to a reference picked in the secret browser, a whole JSON secret, or an encrypted
// literal. The value field is a password input for literals so it is not shown while typed.
import { useState } from "react";
import { saveWorkflowSecretAction } from "@/lib/actions/workflows";
import { SecretBrowser } from "@/components/secret-browser";
import { Field, SelectField } from "@/components/ui/field";
import { ActionForm } from "./action-form";

const KINDS = [
  { value: "reference", label: "Secret reference (a value, or a key of a JSON secret)" },
  { value: "json-reference", label: "Whole JSON secret (for use: <secret> authentication)" },
  { value: "literal", label: "Encrypted literal (stored here, not in your secrets manager)" },
];

export function SecretForm({ workspaceId, projectId, hasProvider }: { workspaceId: number; projectId: number; hasProvider: boolean }) {
  const [kind, setKind] = useState(hasProvider ? "reference" : "literal");
  const [value, setValue] = useState("");
  return (
    <ActionForm action={saveWorkflowSecretAction} hidden={{ workspaceId, projectId }} submit="Save secret">
      {(state) => {
        const errors = state && !state.ok ? state.fieldErrors : undefined;
        return (
          <>
            <Field
              label="Secret name"
              name="name"
              required
              maxLength={100}
              pattern="[A-Za-z0-9_\-]+"
              hint="As the definition names it, e.g. api-key-secret."
              errors={errors?.name}
            />
            <SelectField label="Kind" name="kind" options={KINDS} value={kind} onChange={(e) => setKind(e.target.value)} errors={errors?.kind} />
            <Field
              label={kind === "literal" ? "Value" : "Reference"}
              name="value"
              type={kind === "literal" ? "password" : "text"}
              autoComplete="off"
              required
              value={value}
              onChange={(e) => setValue(e.target.value)}
              errors={errors?.value}
            />
            <Field
              label="Your password"
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              hint="Changing where secrets can go needs your password again."
              errors={errors?.currentPassword}
            />
            {kind !== "literal" && hasProvider && <SecretBrowser scope={{ workspaceId, projectId, config: "active" }} onInsert={setValue} />}
          </>
        );
      }}
    </ActionForm>
  );
}
