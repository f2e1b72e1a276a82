"use client";
// "Connection type" of an AWS, Azure or Vault configuration (docs/agent.md "Cloud profiles"): Cloud, or one of
// the workspace's on-prem groups whose agents forward the provider's requests. Hidden when there is no group.
import { SelectField } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/action-result";

export interface ConnectionTypeProps {
  values: Record<string, string>;
  set: (name: string, value: string) => void;
  errors?: FieldErrors;
  groups?: ReadonlyArray<{ id: number; name: string }>;
  hint?: string;
}

export function ConnectionTypeField({ values, set, errors, groups, hint }: ConnectionTypeProps) {
  if (!groups || groups.length === 0) return null;
  return (
    <>
      <SelectField
        label="Connection type"
        name="onPremGroupId"
        value={values.onPremGroupId ?? ""}
        onChange={(e) => set("onPremGroupId", e.target.value)}
        errors={errors?.onPremGroupId}
        options={[{ value: "", label: "Cloud" }, ...groups.map((g) => ({ value: String(g.id), label: `On-prem group: ${g.name}` }))]}
      />
      {hint && values.onPremGroupId ? (
        <p className="muted small" style={{ margin: 0 }}>
          {hint}
        </p>
      ) : null}
    </>
  );
}
