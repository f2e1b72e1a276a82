"use client";
// The Azure, Vault and Google forms. Field names are the ones lib/validations/provider-config.ts parses.
import { Field } from "@/components/ui/field";
import { ConnectionTypeField } from "./connection-type-field";
import type { FieldErrors } from "@/lib/action-result";
import { WriteOnlyField } from "./write-only-field";

interface KindFieldsProps {
  values: Record<string, string>;
  set: (name: string, value: string) => void;
  errors?: FieldErrors;
  /** Whether this kind's write-only secret is stored already. */
  authStored: boolean;
  /** The workspace's on-prem groups: the "Connection type" choices besides Cloud (docs/agent.md). */
  groups?: ReadonlyArray<{ id: number; name: string }>;
}

function input(props: KindFieldsProps, name: string) {
  return {
    name,
    value: props.values[name] ?? "",
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => props.set(name, e.target.value),
    errors: props.errors?.[name],
  };
}

export function AzureFields(props: KindFieldsProps) {
  return (
    <>
      <p className="muted small" style={{ margin: 0 }}>
        Register an app in Microsoft Entra ID, create a client secret for it, and give it read access to the vault: the role “Key Vault Secrets User” (Azure
        RBAC) or Get and List secret permissions (access policies).
      </p>
      <ConnectionTypeField
        {...props}
        hint="Key Vault requests go through an agent of the group; the token request to Microsoft Entra ID (with the client secret) is sent by Keyhold itself."
      />
      <div className="grid-2">
        <Field label="Directory (tenant) ID" placeholder="00000000-0000-0000-0000-000000000000" spellCheck={false} {...input(props, "tenantId")} />
        <Field label="Application (client) ID" placeholder="00000000-0000-0000-0000-000000000000" spellCheck={false} {...input(props, "clientId")} />
      </div>
      <Field
        label="Vault URL"
        placeholder="https://my-vault.vault.azure.net"
        hint="The vault's URI from its Overview page."
        spellCheck={false}
        {...input(props, "vaultUrl")}
      />
      <WriteOnlyField
        label="Client secret"
        name="clientSecret"
        stored={props.authStored}
        value={props.values.clientSecret ?? ""}
        onChange={(v) => props.set("clientSecret", v)}
        errors={props.errors?.clientSecret}
        hint="The secret's value (not its ID). Kept encrypted; never shown again; sent only for this tenant and vault URL: changing either means entering it again."
      />
    </>
  );
}

export function VaultFields(props: KindFieldsProps) {
  return (
    <>
      <p className="muted small" style={{ margin: 0 }}>
        Keyhold signs in with AppRole and reads KV secrets (v1 or v2, detected from the mount). The role's policies need
        <code> read</code> and <code>list</code> on the paths your connections reference.
      </p>
      <ConnectionTypeField {...props} />
      <div className="grid-2">
        <Field label="Vault address" placeholder="https://vault.example.com:8200" spellCheck={false} {...input(props, "address")} />
        <Field label="Namespace (optional)" placeholder="admin/team" hint="Vault Enterprise / HCP only." spellCheck={false} {...input(props, "namespace")} />
      </div>
      <div className="grid-2">
        <Field label="AppRole mount path" placeholder="approle" spellCheck={false} {...input(props, "approleMount")} />
        <Field
          label="Role name (optional)"
          placeholder="keyhold"
          hint="Only completes the diagnostic commands shown on failures."
          spellCheck={false}
          {...input(props, "roleName")}
        />
      </div>
      <Field label="Role ID" spellCheck={false} autoComplete="off" {...input(props, "roleId")} />
      <WriteOnlyField
        label="Secret ID"
        name="secretId"
        stored={props.authStored}
        value={props.values.secretId ?? ""}
        onChange={(v) => props.set("secretId", v)}
        errors={props.errors?.secretId}
        hint="The AppRole secret ID. Kept encrypted; never shown again; sent only to this address and namespace, by this connection type: changing any of them means entering it again."
      />
    </>
  );
}

export function GcpFields(props: KindFieldsProps) {
  return (
    <>
      <p className="muted small" style={{ margin: 0 }}>
        Create a service account with “Secret Manager Viewer” (to list) and “Secret Manager Secret Accessor” (to read) on the project or the secrets, then
        create a JSON key for it.
      </p>
      <Field label="Google Cloud project ID" placeholder="my-project-123" spellCheck={false} {...input(props, "projectId")} />
      <WriteOnlyField
        label="Service-account key (JSON)"
        name="serviceAccountJson"
        multiline
        stored={props.authStored}
        value={props.values.serviceAccountJson ?? ""}
        onChange={(v) => props.set("serviceAccountJson", v)}
        errors={props.errors?.serviceAccountJson}
        placeholder='{"type": "service_account", "client_email": "…", "private_key": "…"}'
        hint="Paste the whole key file. Kept encrypted; never shown again; used only for this project: changing it means pasting the key again."
      />
    </>
  );
}
